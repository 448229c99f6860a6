#!/usr/bin/env bash
# Engine benchmark, side by side in one run: docpipe's engine and transformers.js on the same synthetic model,
# image and question (CPU). Prints a table with the ratios; JSON results stay in the output directory.
#
#   scripts/bench-engine.sh [MODEL_DIR] [OUT_DIR]
# MODEL_DIR defaults to /tmp/fastvlm-full, generated with `docpipe model synth --preset full` when missing.
# TOKENS (default 32) and REPEATS (default 3, plus one warm-up) can be set in the environment.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
model="${1:-/tmp/fastvlm-full}"
out="${2:-$root/artifacts/bench-engine}"
tokens="${TOKENS:-32}"
repeats="${REPEATS:-3}"
question="What is the total amount due?"
mkdir -p "$out"

"$root/scripts/install-peers.sh"
dotnet build "$root/src/FastVlm.DocPipeline.Cli/FastVlm.DocPipeline.Cli.csproj" -c Release -v quiet -nologo >/dev/null
docpipe=("dotnet" "$root/src/FastVlm.DocPipeline.Cli/bin/Release/net10.0/docpipe.dll")

if [ ! -f "$model/onnx/decoder_model_merged.onnx" ]; then
  echo "bench-engine: generating the full synthetic model in $model (a few minutes)" >&2
  "${docpipe[@]}" model synth --preset full --seed 1 --out "$model"
fi

echo "bench-engine: docpipe engine" >&2
"${docpipe[@]}" bench-engine --model "$model" --variant fp32 --out "$out" --tokens "$tokens" --repeats "$repeats" --question "$question" >/dev/null
size=$(node -e "console.log(JSON.parse(require('fs').readFileSync('$out/dotnet.json','utf8')).imageSize)")

echo "bench-engine: transformers.js" >&2
(cd "$root/tests/peers" && node bench.mjs "$model" "$out/image.rgb" "$size" "$question" "$tokens" "$repeats" "$out/transformersjs.json" >/dev/null)

node - "$out/dotnet.json" "$out/transformersjs.json" <<'JS'
const fs = require('fs');
const [a, b] = process.argv.slice(2).map(p => JSON.parse(fs.readFileSync(p, 'utf8')));
const rows = [
  ['encoder (ms, ' + a.imageSize + ' px)', 'encoderMs', 'lower'],
  ['prefill, whole prompt (ms)', 'prefillMs', 'lower'],
  ['time to first token (ms)', 'timeToFirstTokenMs', 'lower'],
  ['decode (tokens/s)', 'decodeTokensPerSecond', 'higher'],
  ['peak RSS (MB)', 'peakRssMb', 'lower'],
  ['model load (ms)', 'loadMs', 'lower'],
];
const f = x => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
console.log(`model: ${a.model.Name} (fp32), prompt ${a.promptTokens} tokens (${b.promptTokens} in transformers.js), ${a.newTokens} new tokens`);
console.log(`| measure | docpipe | transformers.js | docpipe advantage |`);
console.log(`| --- | ---: | ---: | ---: |`);
for (const [label, key, better] of rows) {
  const ratio = better === 'lower' ? b[key] / a[key] : a[key] / b[key];
  console.log(`| ${label} | ${f(a[key])} | ${f(b[key])} | ${ratio.toFixed(2)}× |`);
}
console.log(`| prefill of one more question with the cached prefix (ms) | ${f(a.cachedPrefixQuestionPrefillMs)} | n/a | ${(a.prefillMs / a.cachedPrefixQuestionPrefillMs).toFixed(1)}× vs whole prompt |`);
console.log(`same generated ids: ${JSON.stringify(a.tokenIds) === JSON.stringify(b.tokenIds)}`);
console.log(`runtimes: ${a.runtime}; ${b.runtime}`);
JS
