#!/usr/bin/env bash
# Installs `docpipe` as a command: packs src/FastVlm.DocPipeline.Cli as a .NET tool (linux-x64, with PDFium
# inside) and installs that package from a local folder, so nothing is downloaded but PDFium itself.
#   scripts/install.sh                      global tool (~/.dotnet/tools; put it on PATH)
#   DOCPIPE_TOOL_PATH=DIR scripts/install.sh  into DIR instead (DIR/docpipe)
#   DOCPIPE_PACK_NO_BUILD=1                  pack the existing Release build (tests)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
package_id="FastVlm.DocPipeline.Cli"

scripts/setup-pdfium.sh

feed="$(mktemp -d)"
trap 'rm -rf "$feed"' EXIT
pack_args=(-c Release -o "$feed" -nologo -v quiet)
if [ "${DOCPIPE_PACK_NO_BUILD:-}" = "1" ]; then pack_args+=(--no-build); fi
dotnet pack src/FastVlm.DocPipeline.Cli/FastVlm.DocPipeline.Cli.csproj "${pack_args[@]}"

# Only the local package folder as a source: the install never reaches for a remote feed.
cat > "$feed/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="docpipe-local" value="$feed" />
  </packageSources>
</configuration>
CONFIG

if [ -n "${DOCPIPE_TOOL_PATH:-}" ]; then
  where=(--tool-path "$DOCPIPE_TOOL_PATH")
  command_path="$DOCPIPE_TOOL_PATH/docpipe"
else
  where=(--global)
  command_path="$HOME/.dotnet/tools/docpipe"
fi

# `update` installs when absent and reinstalls the freshly packed build when present.
dotnet tool update "${where[@]}" --configfile "$feed/nuget.config" "$package_id" >/dev/null
echo "installed: $("$command_path" --version | head -1) -> $command_path"
case ":$PATH:" in
  *":$(dirname "$command_path"):"*) ;;
  *) echo "add $(dirname "$command_path") to PATH to run it as docpipe" ;;
esac
