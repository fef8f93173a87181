#!/usr/bin/env bash
# One command on a fresh machine: set up, lint, check the layers, run the whole test suite.
# The data-layer tests run on SQLite and on a throwaway PostgreSQL server started here
# (scripts/test-postgres.sh: installed with apt-get on CI, used when already installed elsewhere).
# On CI the bundle is built and driven too (opt-in elsewhere: CENTRES_APP_TEST_BUNDLE=1).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/lint-imports
# Static types: strict on the Qt-free core, bodies checked in ui and db ([tool.mypy]).
.venv/bin/mypy
if [ "${CI:-}" = "true" ]; then
  # CI also builds the PyInstaller bundle and drives it from its CLI (tests/test_bundle.py).
  bash scripts/build-bundle.sh --tools-only
  export CENTRES_APP_TEST_BUNDLE=1
fi
source scripts/test-postgres.sh
start_test_postgres
# Not exec: the EXIT trap stops the PostgreSQL cluster after pytest.
status=0
# In parallel processes, one per core (pytest-xdist), a test file per process at a time (its
# module fixtures shared, its tests in their order); `-n 0` after it runs them in this one.
# A process that crashes fails the run (a restarted one could leave the scheduler waiting).
.venv/bin/python -m pytest -n auto --dist loadfile --max-worker-restart=0 "$@" || status=$?
exit "$status"
