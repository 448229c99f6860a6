#!/usr/bin/env bash
# Rasteriser benchmark, one core, side by side in one run: docpipe (PDFium) vs pdftoppm (poppler) vs mutool (MuPDF)
# at 1024 px longest side, on the samples (repeated) and on a generated 200-page document.
# Prints a Markdown table (also saved to artifacts/bench/raster.md): pages/s (wall clock, process start included,
# PNG written for every page as the peers do) and peak RSS. Usage: scripts/bench-raster.sh [sample-passes]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
passes="${1:-10}"
scripts/setup-pdfium.sh
scripts/install-apt-tools.sh

dotnet build src/FastVlm.DocPipeline.Cli/FastVlm.DocPipeline.Cli.csproj -c Release -v quiet -nologo >/dev/null
dotnet build samples/generator/SampleGenerator.csproj -c Release -v quiet -nologo >/dev/null
docpipe="src/FastVlm.DocPipeline.Cli/bin/Release/net10.0/docpipe.dll"
bench="$root/artifacts/bench"
rm -rf "$bench" && mkdir -p "$bench"
dotnet samples/generator/bin/Release/net10.0/sample-generator.dll bench 200 "$bench/bench-200.pdf" >/dev/null

samples=(samples/*.pdf)
pages_of() { local n=0; for f in "$@"; do n=$((n + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}'))); done; echo "$n"; }
one_core() { taskset -c 0 "$@"; }

# measure NAME PAGES CMD...: runs CMD pinned to one core under GNU time; prints "NAME pages seconds peak_kb".
measure() {
  local name="$1" pages="$2"; shift 2
  local out="$bench/time.txt"
  one_core /usr/bin/time -f "%e %M" -o "$out" "$@" >/dev/null 2>"$bench/stderr.txt" || { cat "$bench/stderr.txt" >&2; exit 1; }
  read -r seconds peak <"$out"
  echo "$name $pages $seconds $peak"
}

run_set() {
  local label="$1" repeat="$2"; shift 2
  local files=("$@")
  local pages=$(( $(pages_of "${files[@]}") * repeat ))
  local out="$bench/out-$label"
  mkdir -p "$out"
  measure "docpipe-render-only" "$pages" dotnet "$docpipe" bench rasterize "${files[@]}" --repeat "$repeat"
  measure "docpipe+png" "$pages" dotnet "$docpipe" bench rasterize "${files[@]}" --repeat "$repeat" --out "$out/docpipe"
  mkdir -p "$out/pdftoppm" "$out/mutool"
  measure "pdftoppm" "$pages" bash -c 'r=$1; o=$2; shift 2; for i in $(seq "$r"); do for f in "$@"; do pdftoppm -scale-to 1024 -png "$f" "$o/$(basename "$f" .pdf)"; done; done' _ "$repeat" "$out/pdftoppm" "${files[@]}"
  measure "mutool" "$pages" bash -c 'r=$1; o=$2; shift 2; for i in $(seq "$r"); do for f in "$@"; do mutool draw -q -w 1024 -h 1024 -o "$o/$(basename "$f" .pdf)-%d.png" "$f"; done; done' _ "$repeat" "$out/mutool" "${files[@]}"
}

{
  echo "| document set | renderer | pages | seconds | pages/s | vs pdftoppm | peak RSS MB |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
  for set in samples bench200; do
    if [ "$set" = samples ]; then lines="$(run_set samples "$passes" "${samples[@]}")"; title="7 samples x $passes"; else lines="$(run_set bench200 1 "$bench/bench-200.pdf")"; title="200-page invoice"; fi
    echo "$lines" | awk -v title="$title" '
      { name[NR]=$1; pages[NR]=$2; sec[NR]=$3; kb[NR]=$4; rate[NR]=$2/$3; if ($1=="pdftoppm") ref=$2/$3 }
      END { for (i=1;i<=NR;i++) printf "| %s | %s | %d | %.2f | %.1f | %.2fx | %.0f |\n", title, name[i], pages[i], sec[i], rate[i], rate[i]/ref, kb[i]/1024 }'
  done
} | tee "$bench/raster.md"
echo "(one core: taskset -c 0; wall clock including process start; every renderer writes a PNG per page except docpipe-render-only, which hands RGB pixels to the model as the pipeline does)"
