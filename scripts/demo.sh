#!/usr/bin/env bash
# The README's first command: sets up a fresh machine (Node peers, PDFium, .NET build), makes a synthetic
# model when no real one is configured, and runs `docpipe extract` on a sample invoice.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "== setting up (Node peers, PDFium, the docpipe command)"
scripts/install-peers.sh
scripts/install.sh
tools="${DOCPIPE_TOOL_PATH:-$HOME/.dotnet/tools}"
export PATH="$tools:$PATH"

model="${DOCPIPE_MODEL:-}"
if [ -z "$model" ]; then
  for candidate in .models/default "$HOME/.docpipe/model"; do
    if [ -f "$candidate/config.json" ]; then model="$candidate"; break; fi
  done
fi
if [ -z "$model" ]; then
  echo "== no FastVLM model configured: making a synthetic one in .models/default (random weights)"
  docpipe model synth --preset tiny-qwen --out .models/default >/dev/null \
    || docpipe model synth --preset tiny --out .models/default >/dev/null
  model=.models/default
fi

echo "== docpipe extract samples/invoice-simple.pdf --schema invoice --model $model"
status=0
docpipe extract samples/invoice-simple.pdf --schema invoice --model "$model" || status=$?

if grep -q '"synthetic"' "$model/config.json"; then
  cat <<'MSG'

NOTE: the model above is SYNTHETIC (random weights, made by `docpipe model synth`). The pipeline ran for
real (PDFium rendering, the ONNX engine, schema prompts, merging, storage under ./.data), but the ANSWERS
ARE MEANINGLESS until a real model is fetched:
    rm -rf .models/default && docpipe model fetch --out .models/default      (needs internet)
The real FastVLM weights are under Apple's apple-amlr licence, which restricts their use: read LICENSE_MODEL
in the model repository before using them in a product.
MSG
fi
echo
echo "Results are stored under ./.data: try  docpipe results list  and  docpipe results show <id>"
echo "(docpipe is installed in $tools; add it to PATH in your shell profile)"
exit $status
