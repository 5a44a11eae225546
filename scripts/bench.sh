#!/usr/bin/env bash
# The benchmark suite (not part of the tests): builds or reuses the cached databases in
# bench/.cache/, measures every figure at every size, writes bench/results/bench-*.{json,md}.
#   bash scripts/bench.sh [--sizes 1000,10000,100000] [--runs 5] [--only AREA|NAME,...]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
exec "${REVIEW_DESK_VENV:-.venv}/bin/python" bench/suite.py "$@"
