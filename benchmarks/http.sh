#!/usr/bin/env bash
# HTTP load, measured with wrk (Debian) against 127.0.0.1 only, bounded in time: requests/s and p99 latency of
#   (a) the floor: a Kestrel minimal-API endpoint doing the greeting in C# (POST /floor/greet),
#   (b) the sample's wasi-http transport endpoint over greet.wasm (POST /api/greet),
#   (c) the sample's wasi:http/incoming-handler component site.wasm (GET /site/World, a fresh instance per request),
#   (d) the sample's Lua handler (GET /lua/hello/World, JSON {"message":"Hello, World!"}),
# all served by one process (Wippy.Benchmarks --http-serve), one after the other. Prints a Markdown table
# (docs/benchmarks.md, "HTTP load").
#
#   bash benchmarks/http.sh [duration] [connections] [--pooling]   # default 10s, 32 connections, 2 wrk threads
#
# --pooling serves with Wasmtime's pooling allocator (WippyRuntimeOptions.PoolingAllocator): fresh instances come from
# pre-mapped slots instead of an mmap and munmap each, which is most of (c)'s cost per request.
set -euo pipefail

duration=${1:-10s}
connections=${2:-32}
pooling=${3:-}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=/tmp/wippy-http-bench
mkdir -p "$work"

if ! command -v wrk >/dev/null; then
  echo "installing wrk (apt-get)..." >&2
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi

echo "building (Release)..." >&2
dotnet build "$repo/benchmarks/Wippy.Benchmarks" -c Release -o "$work/bin" --artifacts-path "$work/artifacts" -v quiet -nologo >&2

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$work/bin/Wippy.Benchmarks" --http-serve "127.0.0.1:$port" $pooling >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fs "http://127.0.0.1:$port/ready" >/dev/null || { echo "the server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }

cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = "World"
wrk.headers["Content-Type"] = "text/plain"
LUA
cat >"$work/get.lua" <<'LUA'
wrk.method = "GET"
LUA

# One row: checks the answer, warms up for 2 s, then measures. $3: post or get; $4: the answer expected.
row() {
  local name=$1 path=$2 method=$3 expected=$4 answer out rps p99
  if [[ $method == post ]]; then answer=$(curl -fs -X POST --data World "http://127.0.0.1:$port$path")
  else answer=$(curl -fs "http://127.0.0.1:$port$path"); fi
  [[ "$answer" == "$expected" ]] || { echo "$path answered '$answer'" >&2; exit 1; }
  wrk -t2 -c"$connections" -d2s -s "$work/$method.lua" "http://127.0.0.1:$port$path" >/dev/null
  out=$(wrk -t2 -c"$connections" -d"$duration" --latency -s "$work/$method.lua" "http://127.0.0.1:$port$path")
  rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ { print }' <<<"$out")
  echo "$name|$path|$rps|$p99|${errors:-none}"
}

floor=$(row "(a) floor: Kestrel minimal API, C# greeting" /floor/greet post "Hello, World!")
transport=$(row "(b) wasi-http transport over greet.wasm" /api/greet post "Hello, World!")
component=$(row "(c) wasi:http component site.wasm, text greeting" /site/World get "Hello from a wasi:http component! You asked for GET /site/World")
lua=$(row "(d) Lua handler, JSON greeting" /lua/hello/World get '{"message":"Hello, World!"}')
floor_rps=$(cut -d'|' -f3 <<<"$floor")

echo
echo "wrk -t2 -c$connections -d$duration (POST body \"World\" for a and b), 127.0.0.1, wrk and the server on the same, $(nproc) cores${pooling:+, pooling allocator}; commit $(git -C "$repo" rev-parse --short HEAD)"
echo
echo "| row | path | requests/s | ratio to the floor | p99 | errors |"
echo "|---|---|---:|---:|---:|---|"
for line in "$floor" "$transport" "$component" "$lua"; do
  IFS='|' read -r name path rps p99 errors <<<"$line"
  ratio=$(printf "%.2f" "$(echo "$rps / $floor_rps" | bc -l)")
  printf '| %s | `%s` | %s | %s× | %s | %s |\n' "$name" "$path" "$rps" "$ratio" "$p99" "$errors"
done
