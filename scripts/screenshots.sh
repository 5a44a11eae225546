#!/usr/bin/env bash
# Renders the README's screenshots from a fresh database with the sample batches:
# the main window in light and dark, in English and in Simplified Chinese, and at 1024x700 and 1366x768.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
db=$(mktemp -d)/screenshots.sqlite3
run() { "${REVIEW_DESK_VENV:-.venv}/bin/review-desk" --db "$db" gui "$@"; }
run --post ZW-003 --theme light --screenshot docs/screenshots/main-window.png
run --post ZW-012 --theme dark --screenshot docs/screenshots/main-window-dark.png
run --post ZW-003 --theme light --interface zh_CN --screenshot docs/screenshots/main-window-zh.png
run --post ZW-012 --theme light --size 1024x700 --screenshot docs/screenshots/main-window-1024x700.png
run --post ZW-012 --theme light --size 1366x768 --screenshot docs/screenshots/main-window-1366x768.png
# The preview beside the rewrite, as X, Facebook (on a phone) and LinkedIn fold a post.
run --post ZW-012 --theme light --preview x --screenshot docs/screenshots/preview-x.png
run --post ZW-012 --theme light --preview x --interface zh_CN --screenshot docs/screenshots/preview-x-zh.png
run --post ZW-002 --theme light --preview facebook --phone --screenshot docs/screenshots/preview-facebook.png
run --post ZW-002 --theme light --preview facebook --phone --interface zh_CN --screenshot docs/screenshots/preview-facebook-zh.png
run --post CD-002 --theme light --preview linkedin --screenshot docs/screenshots/preview-linkedin.png
run --post CD-002 --theme light --preview linkedin --interface zh_CN --screenshot docs/screenshots/preview-linkedin-zh.png
echo "screenshots written to docs/screenshots/"
