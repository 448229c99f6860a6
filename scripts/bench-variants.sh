#!/usr/bin/env bash
# Which dtype variant is fastest on CPU: the same pages and field prompts through `docpipe bench-pipeline --mode
# batched` once per variant, side by side in one run, with pages/min relative to fp32 and whether each variant's
# answers equal fp32's. Every variant runs in the configuration in which it agrees with transformers.js
# (TransformersJsParityTests): fp32, q4 and q4f16 with the prefix cache; int8, uint8 and quantized (q8) without it
# (--no-prefix-reuse: their per-run activation scales make a split prefill differ), and also with it, for the figure.
# No timing is asserted anywhere; this only prints.
#
#   scripts/bench-variants.sh [MODEL_DIR] [OUT_DIR]
# MODEL_DIR defaults to .models/<PRESET>-variants, generated with every variant when missing (PRESET: tiny-qwen,
# or full: FastVLM-0.5B dimensions, about 6 GB for all variants and slow on a small machine).
# Environment: PRESET (tiny-qwen), VARIANTS (fp32 q4 q4f16 int8 uint8 quantized), PDFS (samples/*.pdf),
# SCHEMA (invoice), MAX_TOKENS, MAX_PAGES, RUNS (1; ranges over runs).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
preset="${PRESET:-tiny-qwen}"
model="${1:-$root/.models/$preset-variants}"
out="${2:-$root/artifacts/bench-variants}"
read -r -a variants <<< "${VARIANTS:-fp32 q4 q4f16 int8 uint8 quantized}"
runs="${RUNS:-1}"
read -r -a pdfs <<< "${PDFS:-$(ls "$root"/samples/*.pdf | tr '\n' ' ')}"
extra=(--schema "${SCHEMA:-invoice}" --mode batched)
[ -n "${MAX_TOKENS:-}" ] && extra+=(--max-tokens "$MAX_TOKENS")
[ -n "${MAX_PAGES:-}" ] && extra+=(--max-pages "$MAX_PAGES")
mkdir -p "$out" "$model"
out="$(cd "$out" && pwd)"
model="$(cd "$model" && pwd)"
rm -f "$out"/*.json

dotnet build "$root/src/FastVlm.DocPipeline.Cli/FastVlm.DocPipeline.Cli.csproj" -c Release -v quiet -nologo >/dev/null
docpipe=("dotnet" "$root/src/FastVlm.DocPipeline.Cli/bin/Release/net10.0/docpipe.dll")
if [ ! -f "$model/onnx/decoder_model_merged.onnx" ]; then
  echo "bench-variants: generating the $preset synthetic model with every variant in $model" >&2
  "${docpipe[@]}" model synth --preset "$preset" --seed 1 --variants "$(IFS=,; echo "${variants[*]}")" --out "$model"
fi

labels=()
for run in $(seq 1 "$runs"); do
  for v in "${variants[@]}"; do
    case "$v" in
      int8|uint8|quantized) configs=("whole:--no-prefix-reuse" "prefix:") ;;
      *) configs=("prefix:") ;;
    esac
    for config in "${configs[@]}"; do
      label="$v-${config%%:*}"
      flag="${config#*:}"
      echo "bench-variants: run $run/$runs: $label" >&2
      "${docpipe[@]}" bench-pipeline --model "$model" --variant "$v" --label "$label-$run" --out "$out" ${flag:+"$flag"} "${extra[@]}" "${pdfs[@]}"
      [ "$run" = 1 ] && labels+=("$label")
    done
  done
done

node - "$out" "$runs" "${labels[@]}" <<'JS'
const fs = require('fs');
const [dir, runsText, ...labels] = process.argv.slice(2);
const runs = Number(runsText);
const load = (l) => [...Array(runs).keys()].map(i => `${dir}/${l}-${i + 1}.json`).filter(fs.existsSync).map(p => JSON.parse(fs.readFileSync(p, 'utf8')));
const med = (xs) => { const s = [...xs].sort((x, y) => x - y); return s[s.length >> 1]; };
const range = (xs, f = 2) => (xs.length === 1 || Math.min(...xs) === Math.max(...xs)) ? xs[0].toFixed(f) : `${Math.min(...xs).toFixed(f)}–${Math.max(...xs).toFixed(f)}`;
const r = Object.fromEntries(labels.map(l => [l, load(l)]));
const base = r['fp32-prefix'];
const parity = (l) => !l.match(/^(int8|uint8|quantized)-prefix$/);
const ids = (x) => x.answers.map(a => JSON.stringify(a.tokenIds));
const vsFp32 = (l) => {
  if (!base) return 'n/a';
  const a = ids(r[l][0]), b = ids(base[0]);
  const differing = a.filter((x, i) => x !== b[i]).length;
  return differing === 0 ? 'identical' : `${differing} of ${a.length} differ`;
};
console.log(`model: ${r[labels[0]][0].model.Name}, ${r[labels[0]][0].pages} pages, ${r[labels[0]][0].fields} fields, ${runs} run(s), load average ${require('os').loadavg().map(x => x.toFixed(2)).join(' ')}`);
console.log('| variant | prefill | agrees with transformers.js | s/page | pages/min | × fp32 | peak RSS (MB) | answers vs fp32 |');
console.log('| --- | --- | --- | ---: | ---: | ---: | ---: | --- |');
for (const l of labels) {
  const ppm = r[l].map(x => x.pagesPerMinute);
  const ratio = base ? (med(ppm) / med(base.map(x => x.pagesPerMinute))).toFixed(2) + '×' : 'n/a';
  const [v, prefill] = l.split('-');
  console.log(`| ${v} | ${prefill === 'whole' ? 'whole prompt per field' : 'prefix cache, batched'} | ${parity(l) ? 'yes' : 'no'} | ${range(r[l].map(x => x.secondsPerPage))} | ${range(ppm)} | ${ratio} | ${range(r[l].map(x => x.peakRssMb), 0)} | ${vsFp32(l)} |`);
}
const fastest = labels.filter(parity).sort((x, y) => med(r[y].map(z => z.pagesPerMinute)) - med(r[x].map(z => z.pagesPerMinute)))[0];
const quantized = labels.filter(l => parity(l) && !l.startsWith('fp32')).sort((x, y) => med(r[y].map(z => z.pagesPerMinute)) - med(r[x].map(z => z.pagesPerMinute)))[0];
console.log(`fastest with parity: ${fastest}; fastest quantized with parity: ${quantized ?? 'none'}`);
JS
