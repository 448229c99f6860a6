#!/usr/bin/env bash
# Installs the pinned Node packages the project needs (tests/peers/package-lock.json):
# transformers.js and HF tokenizers (parity peers), the Qwen vocabulary, Azurite and the Cosmos API server.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "install-peers: installing nodejs and npm from Debian" >&2
  apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
fi
cd "$root/tests/peers"
stamp=node_modules/.install-stamp
if [ -f "$stamp" ] && [ "$stamp" -nt package-lock.json ]; then
  exit 0
fi
# onnxruntime-node's install script would try to download CUDA binaries; its CPU binaries ship in the package.
ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund --loglevel=error
touch "$stamp"
