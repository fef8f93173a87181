#!/usr/bin/env bash
# One command on a fresh machine: set up, then open the window on the default store.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/centres-app "$@"
