#!/usr/bin/env bash
# Collect the interface's strings from ui/*.py and the domain's messages (review/texts/) into the .ts sources (new ones come out
# unfinished: translate them, e.g. in pyside6-linguist), then compile the .qm files the app loads.
# review_desk_en.ts holds only the messages with a count (%n): their English singular and
# plural ("%n post" / "%n posts"), as Qt's plural handling wants for the source language.
# Run again after translating. REVIEW_DESK_VENV picks another virtual environment.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${REVIEW_DESK_VENV:-.venv}/bin"
"$bin/pyside6-lupdate" ui/*.py review/texts/*.py -ts resources/i18n/review_desk_zh_CN.ts \
    -source-language en -target-language zh_CN
"$bin/pyside6-lupdate" ui/*.py review/texts/*.py -ts resources/i18n/review_desk_en.ts \
    -source-language en -target-language en -pluralonly
for code in zh_CN en; do
    "$bin/pyside6-lrelease" "resources/i18n/review_desk_$code.ts" -qm "resources/i18n/review_desk_$code.qm"
done
