#!/usr/bin/env bash
# The README's test command: sets up everything on a fresh machine, starts the local services,
# builds, runs every test, lints the Bicep, and stops the services again.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

scripts/install-peers.sh
scripts/setup-pdfium.sh
scripts/install-apt-tools.sh

dotnet build FastVlm.DocPipeline.sln -c Release -v quiet -nologo

services_env="$root/.services/env"
scripts/services.sh start
trap 'scripts/services.sh stop' EXIT
set -a; . "$services_env"; set +a

scripts/lint-bicep.sh

results="$root/artifacts/test-results"
rm -rf "$results"
status=0
dotnet test FastVlm.DocPipeline.sln -c Release --no-build -nologo \
  --logger "console;verbosity=normal" --logger "trx;LogFileName=tests.trx" \
  --results-directory "$results" || status=$?

# One plain closing line for whoever reads the log.
trx="$results/tests.trx"
if [ -f "$trx" ]; then
  passed=$(grep -o 'passed="[0-9]*"' "$trx" | head -1 | tr -dc 0-9)
  failed=$(grep -o 'failed="[0-9]*"' "$trx" | head -1 | tr -dc 0-9)
  skipped=$(grep -o 'notExecuted="[0-9]*"' "$trx" | head -1 | tr -dc 0-9)
  echo "tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
fi
exit $status
