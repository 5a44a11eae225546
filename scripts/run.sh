#!/usr/bin/env bash
# Quick start: set everything up, then start Review Desk on its default database
# (the first start loads the bundled sample batches). Arguments go to `review-desk`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec "${REVIEW_DESK_VENV:-.venv}/bin/review-desk" "$@"
