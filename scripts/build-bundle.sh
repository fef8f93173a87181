#!/usr/bin/env bash
# Builds the one-folder bundle dist/centres-app/ with PyInstaller (build.spec), on a fresh machine:
# set-up (scripts/setup.sh), PyInstaller into .venv (the `build` extra of pyproject.toml), binutils
# when missing (PyInstaller needs objdump and strip on Linux), the build, a smoke run, the size.
#
#   bash scripts/build-bundle.sh
#
# The bundle is built for the machine it runs on: build on Windows for Windows, on macOS for macOS
# (PyInstaller does not cross-compile). On Windows, run the same steps from Git Bash, or by hand:
# `python -m venv .venv`, `.venv\Scripts\pip install -e .[build]`,
# `.venv\Scripts\pyinstaller --noconfirm build.spec`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

if [ "$(uname -s)" = Linux ] && ! command -v objdump >/dev/null 2>&1; then
  echo "Installation de binutils (objdump, strip), nécessaire à PyInstaller"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends binutils
fi

stamp=".venv/.centres-app-build-tools"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || ! .venv/bin/python -c "import PyInstaller" 2>/dev/null; then
  .venv/bin/python -m pip install -q -e ".[build]"
  touch "$stamp"
fi
# `--tools-only`: just the build tools (the test suite builds its own bundle on CI).
[ "${1:-}" = "--tools-only" ] && exit 0

start=$(date +%s)
.venv/bin/pyinstaller --noconfirm --log-level WARN build.spec
echo "Construit en $(( $(date +%s) - start )) s."

# The frozen executable must at least start and find its own code.
dist/centres-app/centres-app --version

echo "Dossier à distribuer : dist/centres-app/ ($(du -sh dist/centres-app | cut -f1) sur le disque)"
echo "Exécutable : dist/centres-app/centres-app"
