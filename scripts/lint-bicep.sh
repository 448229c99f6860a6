#!/usr/bin/env bash
# Compiles and lints every Bicep file in infra/ with the Bicep CLI from the NuGet package
# Azure.Bicep.CommandLine.linux-x64 (restored through infra/tools/bicep-tool.csproj, offline-capable).
# Fails on ANY diagnostic: warnings included (bicepconfig.json raises the linter rules to errors,
# but compiler warnings such as type mismatches stay warnings, so the output itself is checked).
# Leaves the compiled ARM templates in artifacts/bicep/ for the deployment tests.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

version=$(sed -n 's/.*Include="Azure.Bicep.CommandLine.linux-x64" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)
[ -n "$version" ] || { echo "lint-bicep: Azure.Bicep.CommandLine.linux-x64 is not in Directory.Packages.props" >&2; exit 1; }

dotnet restore infra/tools/bicep-tool.csproj -v quiet -nologo >/dev/null
packages=$(dotnet nuget locals global-packages -l | sed 's/^global-packages: //')
bicep="${packages%/}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
[ -f "$bicep" ] || { echo "lint-bicep: $bicep not found after restore" >&2; exit 1; }
if [ ! -x "$bicep" ]; then mkdir -p "$root/.tools" && cp "$bicep" "$root/.tools/bicep" && chmod +x "$root/.tools/bicep" && bicep="$root/.tools/bicep"; fi

out="$root/artifacts/bicep"
mkdir -p "$out"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0

run() {
  # Any output on stderr is a diagnostic (bicep prints nothing there on a clean file).
  if ! "$bicep" "$@" 2>"$log" >/dev/null || [ -s "$log" ]; then
    cat "$log" >&2
    status=1
  fi
}

run build infra/main.bicep --outfile "$out/main.json"
run build-params infra/main.bicepparam --outfile "$out/main.parameters.json"
for file in infra/main.bicep infra/modules/*.bicep; do
  run lint "$file"
done

if [ $status -ne 0 ]; then
  echo "lint-bicep: FAILED (warnings count as failures)" >&2
  exit 1
fi
echo "lint-bicep: $(ls infra/main.bicep infra/modules/*.bicep | wc -l) Bicep files compile and lint clean (bicep $version)"
