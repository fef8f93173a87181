# Sourced by run-tests.sh: a throwaway PostgreSQL cluster on 127.0.0.1 for the tests.
#
# start_test_postgres exports CENTRES_APP_TEST_PG_URL and stops the cluster when the calling
# shell exits. On CI (CI=true) Debian's postgresql package is installed when missing; elsewhere
# the cluster starts only if the PostgreSQL binaries are already installed, else the PostgreSQL
# tests are skipped (pytest -ra shows why). A URL already in CENTRES_APP_TEST_PG_URL is used
# as it is (a server of your own: the tests create and drop databases named centres_test_*).

_pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
    echo "$dir"
  elif command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
  fi
}

_pg_install() {
  echo "CI : installation de PostgreSQL (apt-get install postgresql)"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    postgresql >/dev/null
}

_pg_stop() {
  if [ -n "${_PG_DIR:-}" ] && [ -d "$_PG_DIR" ]; then
    "${_PG_AS[@]}" "$_PG_BIN/pg_ctl" -D "$_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$_PG_DIR"
  fi
}

start_test_postgres() {
  if [ -n "${CENTRES_APP_TEST_PG_URL:-}" ]; then
    return 0
  fi
  _PG_BIN=$(_pg_bindir)
  if [ -z "$_PG_BIN" ] && [ "${CI:-}" = "true" ]; then
    _pg_install
    _PG_BIN=$(_pg_bindir)
  fi
  if [ -z "$_PG_BIN" ]; then
    echo "PostgreSQL n'est pas installé : les tests PostgreSQL seront ignorés (voir pytest -ra)."
    return 0
  fi
  _PG_AS=()
  _PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/centres-pg.XXXXXX")
  if [ "$(id -u)" -eq 0 ]; then
    # PostgreSQL refuses to run as root: the cluster belongs to an ordinary account.
    if ! id postgres >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    fi
    chown postgres: "$_PG_DIR"
    _PG_AS=(runuser -u postgres --)
  fi
  local locale_opt="--no-locale"
  if locale -a 2>/dev/null | grep -qix 'c.utf-\?8'; then
    locale_opt="--locale=C.UTF-8"
  fi
  if ! "${_PG_AS[@]}" "$_PG_BIN/initdb" -D "$_PG_DIR/data" -U postgres --auth=trust \
    --encoding=UTF8 "$locale_opt" >"$_PG_DIR/initdb.log" 2>&1; then
    cat "$_PG_DIR/initdb.log" >&2
    echo "initdb a échoué : les tests PostgreSQL seront ignorés." >&2
    rm -rf "$_PG_DIR"
    return 0
  fi
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  # Throwaway data: no fsync, so that a CREATE DATABASE per test stays fast.
  if ! "${_PG_AS[@]}" "$_PG_BIN/pg_ctl" -D "$_PG_DIR/data" -l "$_PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $_PG_DIR -c fsync=off \
        -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null; then
    cat "$_PG_DIR/server.log" >&2 || true
    echo "Le serveur PostgreSQL de test n'a pas démarré : tests PostgreSQL ignorés." >&2
    rm -rf "$_PG_DIR"
    return 0
  fi
  trap _pg_stop EXIT
  export CENTRES_APP_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
  echo "PostgreSQL de test : 127.0.0.1:$port ($("$_PG_BIN/postgres" --version))"
}
