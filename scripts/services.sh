#!/usr/bin/env bash
# Placeholder: starts/stops Azurite and the Cosmos API server (filled in by the data-plane work).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$root/.services"; : > "$root/.services/env"
exit 0
