#!/usr/bin/env bash
# Writes tests/data/length/twitter-text-3.1.0.json: X's weighted length, as twitter-text's own
# JavaScript (the npm package X publishes, version 3.1.0) counts it, of every text the length
# tests read (tests/hints/test_length.py: the checks' pairs, the sample, both CAT corpora).
# Needs node and npm (and the npm registry) only when run; the tests read the file it wrote.
# Run it again after adding test texts: the test names the texts the file lacks.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm install --silent --no-audit --no-fund twitter-text@3.1.0 >/dev/null)
.venv/bin/python -c 'import json, sys; from tests.hints.test_length import reference_texts; json.dump(reference_texts(), sys.stdout, ensure_ascii=False)' > "$work/texts.json"
cat > "$work/weigh.js" <<'JS'
const twitterText = require("twitter-text");
const texts = require(process.argv[2]);
const weights = {};
for (const text of texts) weights[text] = twitterText.parseTweet(text).weightedLength;
process.stdout.write(JSON.stringify(weights, null, 0));
JS
(cd "$work" && node weigh.js "$work/texts.json") > tests/data/length/twitter-text-3.1.0.json
echo "wrote tests/data/length/twitter-text-3.1.0.json ($(.venv/bin/python -c 'import json; print(len(json.load(open("tests/data/length/twitter-text-3.1.0.json"))))') texts)"
