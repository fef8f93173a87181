#!/usr/bin/env bash
# The whole test suite, RUNS times in a row (default 5), with two CPU-busy processes beside it:
# races and waits without a deadline show up here, not on an idle machine.
# Usage: bash scripts/run-tests-under-load.sh [RUNS] [pytest arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
[ $# -gt 0 ] && shift
python3 -c 'while True: pass' &
busy1=$!
python3 -c 'while True: pass' &
busy2=$!
trap 'kill "$busy1" "$busy2" 2>/dev/null || true' EXIT
passed=0
for run in $(seq 1 "$runs"); do
  echo "=== passage $run / $runs (2 processus occupés à côté) ==="
  if bash scripts/run-tests.sh -q "$@"; then
    passed=$((passed + 1))
  fi
done
echo "$passed passage(s) réussi(s) sur $runs"
[ "$passed" -eq "$runs" ]
