#!/usr/bin/env bash
# Review-queue requests over many documents (issue 18), through DocumentReviewService:
#   file store: 5,000 generated documents shaped like real extractions (~14 KB document.json each); p50/p95 of a
#               50-line page, the next page, searches, limit=1 and the schema list; and the full scan it replaced.
#   Cosmos:     the local Cosmos server (scripts/services.sh) with 20,000 documents; the same requests, with the
#               number of items each one brought back (the compat layer's /_compat/stats).
# Usage: scripts/bench-queue.sh [file|cosmos|both] (default both). DOCS_FILE / DOCS_COSMOS / REQUESTS override the sizes.
# Not part of the test suite.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
which="${1:-both}"
dotnet build "$root/src/FastVlm.DocPipeline.Cli" -c Release -v quiet -nologo >/dev/null
docpipe=(dotnet "$root/src/FastVlm.DocPipeline.Cli/bin/Release/net10.0/docpipe.dll")
if [ "$which" = file ] || [ "$which" = both ]; then
  "${docpipe[@]}" bench-queue --store file --documents "${DOCS_FILE:-5000}" --requests "${REQUESTS:-40}"
fi
if [ "$which" = cosmos ] || [ "$which" = both ]; then
  "$root/scripts/services.sh" start >/dev/null
  set -a; . "$root/.services/env"; set +a
  "${docpipe[@]}" bench-queue --store cosmos --documents "${DOCS_COSMOS:-20000}" --requests "${REQUESTS:-20}"
fi
