#!/usr/bin/env bash
# What the tests need besides Rust, installed when missing (Debian or Ubuntu): LibreOffice
# Calc, headless, with python3-uno, for the tests that fill reply sheets as a section would
# (tests/fill_sheet.py), a Japanese font for the printed pages, and poppler-utils to read
# the pages Calc prints (tests/desk.rs counts them). A no-op when present.
#
#   bash tests/setup.sh && cargo test --locked        # the README's test command
set -euo pipefail
if command -v soffice >/dev/null && command -v pdfinfo >/dev/null && /usr/bin/python3 -c 'import uno' 2>/dev/null; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "tests/setup.sh: no apt-get here: install LibreOffice Calc and python3-uno by hand" >&2
  exit 1
fi
sudo=
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "tests/setup.sh: run as root, or install sudo" >&2; exit 1; }
  sudo=sudo
fi
echo "== installing LibreOffice Calc (headless), python3-uno and a Japanese font for the tests"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui python3-uno fonts-noto-cjk poppler-utils >/dev/null
