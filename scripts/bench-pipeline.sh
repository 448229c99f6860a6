#!/usr/bin/env bash
# Page-extraction benchmark, side by side in one run, on the `full` synthetic model (FastVLM-0.5B dimensions), CPU:
#   (a) transformers.js as a user would write it: one generate per field per page, fp32 (tests/peers/bench-pipeline.mjs);
#   (b) docpipe, prefix reuse, fields asked one after another;
#   (c) docpipe, fields decoded together (AskManyAsync, the extraction default);
#   (d) (c) with the fastest quantized variant that agrees with transformers.js (QUANT_VARIANT, default: the first
#       present of q4, q4f16, as measured by scripts/bench-variants.sh, docs/quantized-variants.md); when the model directory
#       has none, reported as not available. The 8-bit variants (int8, uint8, quantized) agree only without the prefix
#       cache, so QUANT_VARIANT=int8 etc. runs them with --no-prefix-reuse.
# Every page of the PDFs is rendered once with the pipeline's rasteriser at the model size and padded to a square,
# so all runtimes see the same pixels; the timed work per page is encode + every field of the schema (+ answer
# normalisation on the docpipe side). Each runtime runs in its own process (peak RSS per runtime).
#
#   scripts/bench-pipeline.sh [MODEL_DIR] [OUT_DIR]
# MODEL_DIR defaults to .models/full-seed1, generated with `docpipe model synth --preset full --variants fp32,q4` when missing.
# Environment: PDFS (default samples/*.pdf), SCHEMA (invoice), MAX_TOKENS (default: the schema's limits),
# MAX_PAGES (default: all), RUNS (default 1; ranges are reported over the runs), SKIP_TRANSFORMERSJS=1.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
model="${1:-$root/.models/full-seed1}"
out="${2:-$root/artifacts/bench-pipeline}"
schema="${SCHEMA:-invoice}"
runs="${RUNS:-1}"
read -r -a pdfs <<< "${PDFS:-$(ls "$root"/samples/*.pdf | tr '\n' ' ')}"
extra=()
[ -n "${MAX_TOKENS:-}" ] && extra+=(--max-tokens "$MAX_TOKENS")
[ -n "${MAX_PAGES:-}" ] && extra+=(--max-pages "$MAX_PAGES")
mkdir -p "$out"
out="$(cd "$out" && pwd)"
mkdir -p "$model"
model="$(cd "$model" && pwd)"
rm -f "$out"/*.json

# The peers may be a link to a shared install (worktrees): install only when transformers.js is missing.
[ -f "$root/tests/peers/node_modules/@huggingface/transformers/package.json" ] || "$root/scripts/install-peers.sh"
dotnet build "$root/src/FastVlm.DocPipeline.Cli/FastVlm.DocPipeline.Cli.csproj" -c Release -v quiet -nologo >/dev/null
docpipe=("dotnet" "$root/src/FastVlm.DocPipeline.Cli/bin/Release/net10.0/docpipe.dll")

if [ ! -f "$model/onnx/decoder_model_merged.onnx" ]; then
  echo "bench-pipeline: generating the full synthetic model (fp32 and q4) in $model (a minute or two, about 4 GB)" >&2
  "${docpipe[@]}" model synth --preset full --seed 1 --variants fp32,q4 --out "$model"
fi

quant="${QUANT_VARIANT:-}"
if [ -z "$quant" ]; then
  for v in q4 q4f16; do
    if [ -f "$model/onnx/decoder_model_merged_$v.onnx" ]; then quant="$v"; break; fi
  done
fi

for run in $(seq 1 "$runs"); do
  echo "bench-pipeline: run $run/$runs: (b) docpipe sequential" >&2
  "${docpipe[@]}" bench-pipeline --model "$model" --variant fp32 --schema "$schema" --mode sequential --label "b-$run" --out "$out" "${extra[@]}" "${pdfs[@]}"
  echo "bench-pipeline: run $run/$runs: (c) docpipe batched" >&2
  "${docpipe[@]}" bench-pipeline --model "$model" --variant fp32 --schema "$schema" --mode batched --label "c-$run" --out "$out" "${extra[@]}" "${pdfs[@]}"
  if [ -n "$quant" ]; then
    echo "bench-pipeline: run $run/$runs: (d) docpipe batched, $quant" >&2
    quant_flags=()
    case "$quant" in int8|uint8|quantized) quant_flags+=(--no-prefix-reuse) ;; esac
    "${docpipe[@]}" bench-pipeline --model "$model" --variant "$quant" --schema "$schema" --mode batched --label "d-$run" --out "$out" "${quant_flags[@]}" "${extra[@]}" "${pdfs[@]}"
  fi
  if [ "${SKIP_TRANSFORMERSJS:-0}" != 1 ]; then
    echo "bench-pipeline: run $run/$runs: (a) transformers.js" >&2
    (cd "$root/tests/peers" && node bench-pipeline.mjs "$model" "$out" "$out/a-$run.json")
  fi
done

node - "$out" "$runs" "${quant:-}" <<'JS'
const fs = require('fs');
const [dir, runsText, quant] = process.argv.slice(2);
const runs = Number(runsText);
const load = (k) => [...Array(runs).keys()].map(i => `${dir}/${k}-${i + 1}.json`).filter(fs.existsSync).map(p => JSON.parse(fs.readFileSync(p, 'utf8')));
const r = { a: load('a'), b: load('b'), c: load('c'), d: load('d') };
const range = (xs, f = 2) => xs.length === 0 ? 'not available' : (Math.min(...xs) === Math.max(...xs) || xs.length === 1 ? xs[0].toFixed(f) : `${Math.min(...xs).toFixed(f)}–${Math.max(...xs).toFixed(f)}`);
const med = (xs) => { const s = [...xs].sort((x, y) => x - y); return s.length ? s[s.length >> 1] : NaN; };
const ppm = (k) => r[k].map(x => x.pagesPerMinute);
const ratio = (x, y) => (r[x].length && r[y].length ? (med(ppm(x)) / med(ppm(y))).toFixed(2) + '×' : 'not available');
const first = r.c[0] ?? r.b[0];
console.log(`model: ${first.model.Name}, schema ${first.schema} (${first.fields} fields), ${first.pages} pages, token limits ${JSON.stringify(first.maxNewTokens)}, ${runs} run(s)`);
console.log('| runtime | s/page | pages/min | peak RSS (MB) | generated tokens |');
console.log('| --- | ---: | ---: | ---: | ---: |');
const names = { a: '(a) transformers.js, one generate per field, fp32', b: '(b) docpipe, prefix reuse, sequential', c: '(c) docpipe, batched', d: `(d) docpipe, batched, ${quant || 'quantized'}` };
for (const k of ['a', 'b', 'c', 'd']) {
  console.log(`| ${names[k]} | ${range(r[k].map(x => x.secondsPerPage))} | ${range(ppm(k))} | ${range(r[k].map(x => x.peakRssMb), 0)} | ${r[k].length ? r[k][0].generatedTokens : 'n/a'} |`);
}
console.log(`ratios (pages/min, medians): (b)/(a) ${ratio('b', 'a')}, (c)/(b) ${ratio('c', 'b')}, (c)/(a) ${ratio('c', 'a')}, (d)/(c) ${ratio('d', 'c')}`);
console.log(`engine overhead of (c): wall − time inside ONNX Runtime's Run = ${range(r.c.map(x => x.engineOverheadPercentOfRun), 1)}% of the Run time (${range(r.c.map(x => x.onnxRuntimeRunSeconds), 1)} s in Run)`);
const same = (x, y) => {
  if (!r[x].length || !r[y].length) return 'not available';
  const ax = r[x][0].answers, ay = r[y][0].answers;
  const differing = ax.filter((q, i) => JSON.stringify(q.tokenIds) !== JSON.stringify(ay[i].tokenIds)).map(q => `${q.file}#${q.page}/${q.field}`);
  return differing.length === 0 ? `identical (${ax.length} answers)` : `${differing.length} of ${ax.length} differ: ${differing.join(', ')}`;
};
console.log(`answers (ids): (a) vs (b) ${same('a', 'b')}; (b) vs (c) ${same('b', 'c')}; (c) vs (d) ${same('c', 'd')} (quantized: not required to match)`);
console.log(`runtimes: ${[r.a[0]?.runtime, first.runtime].filter(Boolean).join('; ')}`);
JS
