#!/usr/bin/env bash
# Installs the Debian tools the tests and benchmarks use when they are missing:
#   poppler-utils (pdftoppm) and mupdf-tools (mutool): rasteriser peers for fidelity and speed;
#   fonts-dejavu-core: the fonts the sample and test-corpus generators embed.
#   time: GNU time, for peak-memory figures in scripts/bench-raster.sh.
#   python3-pil: Pillow for Debian's /usr/bin/python3, the reference resizer (tests/peers/pillow-resize.py).
#   chromium: the browser the review app's Playwright tests drive (Playwright's own browser download is not used).
set -euo pipefail
missing=()
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v mutool >/dev/null 2>&1 || missing+=(mupdf-tools)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
[ -x /usr/bin/time ] || missing+=(time)
/usr/bin/python3 -c 'import PIL' >/dev/null 2>&1 || missing+=(python3-pil)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "install-apt-tools: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
