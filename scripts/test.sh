#!/usr/bin/env bash
# Quick start: set everything up, then run the whole test suite headless.
# Arguments go to pytest (e.g. `bash scripts/test.sh -k import`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
export QT_QPA_PLATFORM=offscreen
exec "${REVIEW_DESK_VENV:-.venv}/bin/python" -m pytest "$@"
