#!/usr/bin/env bash
# Rasteriser benchmark, one core, side by side in one run: docpipe (PDFium) vs pdftoppm (poppler) vs mutool (MuPDF)
# at 1024 px longest side, on the samples (repeated) and on a generated 200-page document.
# Prints a Markdown table (also saved to artifacts/bench/raster.md): pages per CPU-second (user+sys of the whole
# process, start-up included; robust when other work shares the machine), wall-clock pages/s and peak RSS.
# Two modes per renderer: raw pixels (docpipe: RGB in memory, as handed to the model; peers: PPM files) and PNG
# files. Usage: scripts/bench-raster.sh [sample-passes]
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

# measure NAME PAGES CMD...: runs CMD pinned to one core under GNU time; prints "NAME pages cpu_s wall_s peak_kb".
measure() {
  local name="$1" pages="$2"; shift 2
  local out="$bench/time.txt"
  one_core /usr/bin/time -f "%U %S %e %M" -o "$out" "$@" >/dev/null 2>"$bench/stderr.txt" || { cat "$bench/stderr.txt" >&2; exit 1; }
  read -r user sys wall peak <"$out"
  echo "$name $pages $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') $wall $peak"
}

run_set() {
  local label="$1" repeat="$2"; shift 2
  local files=("$@")
  local pages=$(( $(pages_of "${files[@]}") * repeat ))
  local out="$bench/out-$label"
  mkdir -p "$out"
  measure "docpipe-raw" "$pages" dotnet "$docpipe" bench rasterize "${files[@]}" --repeat "$repeat"
  mkdir -p "$out/pdftoppm" "$out/mutool"
  measure "pdftoppm-raw" "$pages" bash -c 'r=$1; o=$2; shift 2; for i in $(seq "$r"); do for f in "$@"; do pdftoppm -scale-to 1024 "$f" "$o/$(basename "$f" .pdf)"; done; done' _ "$repeat" "$out/pdftoppm" "${files[@]}"
  measure "mutool-raw" "$pages" bash -c 'r=$1; o=$2; shift 2; for i in $(seq "$r"); do for f in "$@"; do mutool draw -q -w 1024 -h 1024 -o "$o/$(basename "$f" .pdf)-%d.ppm" "$f" 2>/dev/null; done; done' _ "$repeat" "$out/mutool" "${files[@]}"
  rm -rf "$out"/pdftoppm/* "$out"/mutool/*
  measure "docpipe-png" "$pages" dotnet "$docpipe" bench rasterize "${files[@]}" --repeat "$repeat" --out "$out/docpipe"
  measure "pdftoppm-png" "$pages" bash -c 'r=$1; o=$2; shift 2; for i in $(seq "$r"); do for f in "$@"; do pdftoppm -scale-to 1024 -png "$f" "$o/$(basename "$f" .pdf)"; done; done' _ "$repeat" "$out/pdftoppm" "${files[@]}"
  measure "mutool-png" "$pages" bash -c 'r=$1; o=$2; shift 2; for i in $(seq "$r"); do for f in "$@"; do mutool draw -q -w 1024 -h 1024 -o "$o/$(basename "$f" .pdf)-%d.png" "$f" 2>/dev/null; done; done' _ "$repeat" "$out/mutool" "${files[@]}"
}

{
  echo "| document set | renderer | pages | CPU s | pages per CPU-s | vs pdftoppm (same output) | wall s | peak RSS MB |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  for set in samples bench200; do
    if [ "$set" = samples ]; then lines="$(run_set samples "$passes" "${samples[@]}")"; title="7 samples x $passes"; else lines="$(run_set bench200 1 "$bench/bench-200.pdf")"; title="200-page invoice"; fi
    echo "$lines" | awk -v title="$title" '
      { name[NR]=$1; pages[NR]=$2; cpu[NR]=$3; wall[NR]=$4; kb[NR]=$5; rate[NR]=$2/$3; split($1, part, "-"); mode[NR]=part[2]; if (part[1]=="pdftoppm") ref[part[2]]=$2/$3 }
      END { for (i=1;i<=NR;i++) printf "| %s | %s | %d | %.2f | %.1f | %.2fx | %.2f | %.0f |\n", title, name[i], pages[i], cpu[i], rate[i], rate[i]/ref[mode[i]], wall[i], kb[i]/1024 }'
  done
} | tee "$bench/raster.md"
echo "(one core: taskset -c 0; CPU and wall time of whole processes, start-up included; raw = docpipe RGB in memory / peers PPM files; png = PNG file per page)"
