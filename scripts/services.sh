#!/usr/bin/env bash
# Local stand-ins for the Azure data plane, for tests and `docpipe serve`:
#   Azurite 3.37.0 (blob/queue/table) and @vercel/cosmosdb-server 1.0.1 behind our compatibility layer
#   (tests/peers/cosmos-server.mjs), both pinned in tests/peers/package-lock.json, on 127.0.0.1 with free ports.
#
#   scripts/services.sh start   starts both (no-op when they already answer), waits until they answer,
#                               writes .services/env and prints it
#   scripts/services.sh env     prints .services/env
#   scripts/services.sh stop    stops what `start` started (by the recorded process ids)
#
# .services/env holds DOCPIPE_TEST_STORAGE (Azurite connection string), DOCPIPE_TEST_COSMOS_ENDPOINT and
# DOCPIPE_TEST_COSMOS_KEY. Data lives in memory / a temporary folder and is gone after `stop`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
state="$root/.services"
env_file="$state/env"
peers="$root/tests/peers"
# The well-known development keys of the Azure Storage and Cosmos DB emulators (public, local use only).
storage_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
cosmos_key="C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw=="

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

answers_http() { # url: any HTTP answer (even 4xx) means the server is up
  node -e '
    const u = new URL(process.argv[1]);
    const mod = require(u.protocol === "https:" ? "https" : "http");
    const req = mod.get(u, { rejectUnauthorized: false, timeout: 1000 }, r => { r.resume(); process.exit(0); });
    req.on("error", () => process.exit(1)); req.on("timeout", () => { req.destroy(); process.exit(1); });' "$1"
}

wait_until_answers() { # url pidfile name log
  for _ in $(seq 1 150); do
    if answers_http "$1"; then return 0; fi
    if ! alive "$2"; then echo "services: $3 exited; its log:" >&2; cat "$4" >&2 || true; return 1; fi
    sleep 0.2
  done
  echo "services: $3 did not answer at $1 within 30 s; its log:" >&2; cat "$4" >&2 || true
  return 1
}

running() {
  alive "$state/azurite.pid" && alive "$state/cosmos.pid" && [ -s "$env_file" ] || return 1
  # shellcheck disable=SC1090
  ( set -a; . "$env_file"; answers_http "$DOCPIPE_TEST_COSMOS_ENDPOINT" ) || return 1
}

stop() {
  for name in cosmos azurite; do
    pidfile="$state/$name.pid"
    if alive "$pidfile"; then
      pid="$(cat "$pidfile")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
  done
  if [ -f "$state/azurite.dir" ]; then rm -rf "$(cat "$state/azurite.dir")"; rm -f "$state/azurite.dir"; fi
  rm -f "$env_file" "$state/cosmos.port"
}

start() {
  mkdir -p "$state"
  if running; then cat "$env_file"; return 0; fi
  stop # leftovers of a half-started or crashed run
  [ -d "$peers/node_modules/azurite" ] || "$root/scripts/install-peers.sh"

  local data blob queue table
  data="$(mktemp -d "${TMPDIR:-/tmp}/docpipe-azurite.XXXXXX")"
  echo "$data" > "$state/azurite.dir"
  blob="$(free_port)"; queue="$(free_port)"; table="$(free_port)"
  while [ "$queue" = "$blob" ]; do queue="$(free_port)"; done
  while [ "$table" = "$blob" ] || [ "$table" = "$queue" ]; do table="$(free_port)"; done
  setsid node "$peers/node_modules/azurite/dist/src/azurite.js" --silent --skipApiVersionCheck --disableTelemetry \
    --location "$data" --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$blob" --queuePort "$queue" --tablePort "$table" \
    > "$state/azurite.log" 2>&1 < /dev/null &
  echo $! > "$state/azurite.pid"

  rm -f "$state/cosmos.port"
  setsid node "$peers/cosmos-server.mjs" --host 127.0.0.1 --port 0 --port-file "$state/cosmos.port" \
    > "$state/cosmos.log" 2>&1 < /dev/null &
  echo $! > "$state/cosmos.pid"
  for _ in $(seq 1 150); do
    [ -s "$state/cosmos.port" ] && break
    alive "$state/cosmos.pid" || { echo "services: cosmos server exited; its log:" >&2; cat "$state/cosmos.log" >&2; stop; return 1; }
    sleep 0.2
  done
  local cosmos; cosmos="$(cat "$state/cosmos.port")"

  wait_until_answers "http://127.0.0.1:$blob/devstoreaccount1?comp=list" "$state/azurite.pid" azurite "$state/azurite.log" || { stop; return 1; }
  wait_until_answers "http://127.0.0.1:$queue/devstoreaccount1?comp=list" "$state/azurite.pid" azurite "$state/azurite.log" || { stop; return 1; }
  wait_until_answers "https://127.0.0.1:$cosmos/" "$state/cosmos.pid" "cosmos server" "$state/cosmos.log" || { stop; return 1; }

  cat > "$env_file.tmp" <<EOF
DOCPIPE_TEST_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$storage_key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
DOCPIPE_TEST_COSMOS_ENDPOINT="https://127.0.0.1:$cosmos/"
DOCPIPE_TEST_COSMOS_KEY="$cosmos_key"
EOF
  mv "$env_file.tmp" "$env_file"
  cat "$env_file"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) [ -f "$env_file" ] && cat "$env_file" ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 1 ;;
esac
