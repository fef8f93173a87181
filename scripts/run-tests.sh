#!/usr/bin/env bash
# One command on a fresh machine: set up, lint, check the layers, run the whole test suite.
# The data-layer tests run on SQLite and on a throwaway PostgreSQL server started here
# (scripts/test-postgres.sh: installed with apt-get on CI, used when already installed elsewhere).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/lint-imports
source scripts/test-postgres.sh
start_test_postgres
# Not exec: the EXIT trap stops the PostgreSQL cluster after pytest.
status=0
.venv/bin/python -m pytest "$@" || status=$?
exit "$status"
