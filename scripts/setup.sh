#!/usr/bin/env bash
# Sets up everything Review Desk needs on a fresh Debian machine with Python 3.11:
# the Debian packages it uses (when run as root) and a virtual environment with the app and
# its test tools. Safe to run again: it only does what is missing or changed. `--tests` adds
# what only the tests need: chromium (to render the HTML report) and the XLIFF schemas.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${REVIEW_DESK_VENV:-.venv}
PYTHON=${PYTHON:-python3}

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "Review Desk needs Python 3.11 or newer as '$PYTHON'." >&2
    exit 1
fi

missing=()
"$PYTHON" -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
# Fonts with CJK glyphs and colour emoji, and the libraries Qt's platform plugins load; with
# --tests also chromium, which renders the HTML review report headless in the tests.
packages=(fonts-wqy-microhei fonts-noto-color-emoji libgl1 libegl1 libxkbcommon0 libfontconfig1
          libdbus-1-3 libglib2.0-0)
[ "${1:-}" = "--tests" ] && packages+=(chromium)
for pkg in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "setup: installing Debian packages: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "setup: please install these Debian packages first: ${missing[*]}" >&2
        echo "       sudo apt-get install ${missing[*]}" >&2
        exit 1
    fi
fi

[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"

# The OASIS XLIFF 1.2 and 2.0 schemas, for the tests that validate our XLIFF exports: Debian
# ships them inside php-symfony-translation; we only unpack its .deb and take the three .xsd
# files (nothing of PHP is installed).
schemas="$VENV/share/xliff-schemas"
if [ "${1:-}" = "--tests" ] && [ ! -f "$schemas/xliff-core-2.0.xsd" ] && command -v apt-get >/dev/null; then
    work=$(mktemp -d)
    fetch() { (cd "$work" && apt-get download -qq php-symfony-translation >/dev/null 2>&1 \
                 && dpkg-deb -x php-symfony-translation_*.deb unpacked); }
    if fetch || { [ "$(id -u)" = 0 ] && apt-get update -qq && fetch; }; then
        mkdir -p "$schemas"
        cp "$work"/unpacked/usr/share/php/Symfony/Component/Translation/Resources/schemas/*.xsd "$schemas/"
    else
        echo "setup: could not fetch the XLIFF schemas (php-symfony-translation); the schema tests will be skipped" >&2
    fi
    rm -rf "$work"
fi
stamp="$VENV/.review-desk-installed"
wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    echo "setup: installing Review Desk and its dependencies into $VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e ".[test]"
    echo "$wanted" > "$stamp"
fi
