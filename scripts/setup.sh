#!/usr/bin/env bash
# Sets up everything centres_app needs on a fresh Debian-like machine, idempotently:
# the system libraries Qt needs (only those missing, so a machine that has them needs no root),
# a virtual environment in .venv, and the package (with the test tools when given --test).
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=0
[ "${1:-}" = "--test" ] && with_tests=1

PYTHON=${PYTHON:-python3}

# Qt's offscreen platform (tests, PDF) and a real X display need these shared libraries.
QT_LIBS="libegl1 libgl1 libopengl0 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0
libdbus-1-3 fonts-dejavu-core libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0
libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
libx11-xcb1"
# The tests read printed PDFs back with pdftotext as well as pypdf.
[ $with_tests -eq 1 ] && QT_LIBS="$QT_LIBS poppler-utils"

install_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=()
  for pkg in $QT_LIBS; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  if ! "$PYTHON" -c "import ensurepip, venv" >/dev/null 2>&1; then
    missing+=("python3-venv")
  fi
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installation des paquets système manquants : ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

install_system_packages

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi

# Reinstall only when the dependencies changed.
stamp=".venv/.centres-app-installed-$with_tests"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  if [ $with_tests -eq 1 ]; then
    .venv/bin/python -m pip install -q -e ".[test]"
  else
    .venv/bin/python -m pip install -q -e .
  fi
  touch "$stamp"
fi

# The package's bytecode, compiled once as an installed wheel's is: the editable install runs
# the sources, and where bytecode is not written (PYTHONDONTWRITEBYTECODE) every start of the
# window would compile ~115 modules again (~0.25 s of CPU at start-up). Only changed files are
# redone; a source edited since is still compiled in memory (the .pyc records its mtime).
.venv/bin/python -m compileall -q centres_app
