#!/usr/bin/env bash
# Adds « Actions des centres sociaux » to the Linux applications menu, for the current user:
# the desktop entry (resources/centres-app.desktop) pointing at the bundle, and its icon.
#
#   bash scripts/install-desktop-entry.sh [BUNDLE_FOLDER]    (default: dist/centres-app)
#
# Run it again after moving the bundle. To remove: delete the two files it names.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bundle="$(cd "${1:-$here/dist/centres-app}" && pwd)"
exe="$bundle/centres-app"
[ -x "$exe" ] || { echo "Exécutable introuvable : $exe (construisez d'abord : bash scripts/build-bundle.sh)" >&2; exit 2; }

data="${XDG_DATA_HOME:-$HOME/.local/share}"
apps="$data/applications"
icons="$data/icons/hicolor/256x256/apps"
mkdir -p "$apps" "$icons"

# The icon comes from the bundle, so the entry works with the bundle alone (no checkout).
icon_src="$bundle/_internal/resources/icons/centres-app.png"
[ -f "$icon_src" ] || icon_src="$here/resources/icons/centres-app.png"
cp "$icon_src" "$icons/centres-app.png"

entry_src="$bundle/_internal/resources/centres-app.desktop"
[ -f "$entry_src" ] || entry_src="$here/resources/centres-app.desktop"
# Exec takes the absolute path, quoted (spaces in folder names); Icon the installed file.
sed -e "s|^Exec=.*|Exec=\"$exe\"|" -e "s|^Icon=.*|Icon=$icons/centres-app.png|" \
  -e '/^# scripts\/install-desktop-entry.sh/d' "$entry_src" > "$apps/centres-app.desktop"
chmod 644 "$apps/centres-app.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps" || true

echo "Raccourci installé : $apps/centres-app.desktop"
echo "Icône : $icons/centres-app.png"
