#!/usr/bin/env bash
# Sets up everything Review Desk needs on a fresh Debian machine with Python 3.11:
# the Debian packages it uses (when run as root) and a virtual environment with the app and
# its test tools. Safe to run again: it only does what is missing or changed. `--tests` adds
# what only the tests need: chromium (to render the HTML report), Xvfb, openbox and xdotool (to
# drive the real window), PostgreSQL (the sync tests' server), OmegaT 3.6 (which must read our
# XLIFF, TMX and TBX exports) and the XLIFF schemas.
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
# Fonts with CJK glyphs and colour emoji, and the libraries Qt's platform plugins load: the
# xcb plugin (the window on an X display) links the xcb, X11 and xkbcommon libraries below,
# as `ldd` of PySide6's plugins/platforms/libqxcb.so lists them on a minimal Debian 12.
packages=(fonts-wqy-microhei fonts-noto-color-emoji libgl1 libegl1 libxkbcommon0 libfontconfig1
          libdbus-1-3 libglib2.0-0
          libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
          libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1
          libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0)
# --tests adds chromium, which renders the HTML review report headless, an X server with a
# window manager and a key sender for the tests that drive the real window (tests/xwindow), and
# PostgreSQL, whose server the sync tests start in a temporary folder (tests/sync), and OmegaT,
# which tests/formats/test_omegat_reads.py runs on our exports.
[ "${1:-}" = "--tests" ] && packages+=(chromium xvfb openbox xdotool postgresql omegat)
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

# A library Qt's xcb plugin needs but the list above misses (a newer PySide6 may add one) would
# only show when the window fails to open: say so here, by name.
for xcb_plugin in "$VENV"/lib/python3*/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so; do :; done
if command -v ldd >/dev/null && [ -f "$xcb_plugin" ]; then
    unresolved=$(ldd "$xcb_plugin" | awk '/not found/ {print $1}' | sort -u | tr '\n' ' ')
    if [ -n "$unresolved" ]; then
        echo "setup: Qt's xcb plugin cannot find: $unresolved(install the Debian packages that" \
             "provide them, or the window opens only with QT_QPA_PLATFORM=offscreen)" >&2
        exit 1
    fi
fi
