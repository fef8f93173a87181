#!/usr/bin/env bash
# Extracts the interface strings (French source text, tr()/translate()) into Qt Linguist files
# under resources/i18n/, then compiles them to .qm for the app and the bundle.
# Translators open resources/i18n/centres_app_<lang>.ts in Qt Linguist (pyside6-linguist).
set -euo pipefail
cd "$(dirname "$0")/.."
langs=${LANGS:-"en"}
sources=$(find centres_app/ui -name '*.py' | sort)
for lang in $langs; do
  .venv/bin/pyside6-lupdate $sources -source-language fr -target-language "$lang" \
    -ts "resources/i18n/centres_app_${lang}.ts"
  .venv/bin/pyside6-lrelease "resources/i18n/centres_app_${lang}.ts" \
    -qm "resources/i18n/centres_app_${lang}.qm"
done
