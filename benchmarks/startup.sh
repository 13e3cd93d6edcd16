#!/usr/bin/env bash
# Startup of the sample app: time from process start to the first result of `call myns:compute 6 7`, for the
# NativeAOT single binary and the JIT build of the same app, plus peak RSS and size. Prints a Markdown table
# (docs/benchmarks.md, "Startup").
#
#   bash benchmarks/startup.sh [runs]      # runs per row, default 21
#
# Builds into /tmp/wippy-startup (not the repository's folders). "Warm": the per-user caches already hold the
# extracted native libraries and compiled modules (one untimed run first); "cold": a new, empty XDG_CACHE_HOME
# per run. Rows are interleaved run by run so a change in machine load hits all of them alike.
set -euo pipefail

runs=${1:-21}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=/tmp/wippy-startup
aot=$work/aot/Wippy.Samples.Registry
jit=$work/jit/Wippy.Samples.Registry
mkdir -p "$work"

echo "building (NativeAOT publish and JIT Release build)..." >&2
dotnet publish "$repo/samples/registry" -c Release -r linux-x64 -p:PublishAot=true -o "$work/aot" \
  --artifacts-path "$work/artifacts-aot" -v quiet -nologo >&2
dotnet build "$repo/samples/registry" -c Release -o "$work/jit" --artifacts-path "$work/artifacts-jit" \
  -v quiet -nologo >&2

# ms of one run of "$@" (wall clock around the process); fails if the answer is not 42.
time_one() {
  local start end out
  start=$EPOCHREALTIME
  out=$("$@" 2>/dev/null)
  end=$EPOCHREALTIME
  [[ "$out" == "42" ]] || { echo "unexpected output from $*: $out" >&2; exit 1; }
  echo "($end - $start) * 1000" | bc -l
}

# "median (min–max)" of the numbers on stdin.
summary() {
  sort -g | awk '{ v[NR] = $1 } END { printf "%.1f ms (%.1f–%.1f)", v[int((NR + 1) / 2)], v[1], v[NR] }'
}

call=(call myns:compute 6 7)
"$aot" "${call[@]}" >/dev/null # warm the caches
"$jit" "${call[@]}" >/dev/null

declare -A samples
for ((i = 0; i < runs; i++)); do
  samples[aot]+="$(time_one "$aot" "${call[@]}") "
  samples[aot_always]+="$(WIPPY_NATIVE_VERIFY=always time_one "$aot" "${call[@]}") "
  samples[aot_off]+="$(WIPPY_NATIVE_VERIFY=0 time_one "$aot" "${call[@]}") "
  samples[jit]+="$(time_one "$jit" "${call[@]}") "
done
cold_runs=3
for ((i = 0; i < cold_runs; i++)); do
  cache=$(mktemp -d "$work/cache-XXXXXX")
  samples[aot_cold]+="$(XDG_CACHE_HOME=$cache time_one "$aot" "${call[@]}") "
  rm -rf "$cache"
  cache=$(mktemp -d "$work/cache-XXXXXX")
  samples[jit_cold]+="$(XDG_CACHE_HOME=$cache time_one "$jit" "${call[@]}") "
  rm -rf "$cache"
done

row() { tr ' ' '\n' <<<"${samples[$1]}" | grep . | summary; }
rss() {
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.1f MB", $1 / 1024 }'
  else
    echo "–"
  fi
}
median_of() { tr ' ' '\n' <<<"${samples[$1]}" | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

aot_size=$(stat -c %s "$aot" | awk '{ printf "%.1f MB, one file", $1 / 1e6 }')
jit_size=$(du -sb "$work/jit" | awk '{ printf "%.0f MB build folder + the shared runtime", $1 / 1e6 }')
ratio=$(echo "$(median_of aot) / $(median_of jit)" | bc -l)
ratio_always=$(echo "$(median_of aot_always) / $(median_of jit)" | bc -l)

echo
echo "commit $(git -C "$repo" rev-parse --short HEAD), $runs runs per row (cold: $cold_runs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| build | warm: median (min–max) | cold: median (min–max) | peak RSS | size |"
echo "|---|---:|---:|---:|---:|"
echo "| NativeAOT (default: native library hashed when changed) | $(row aot) | $(row aot_cold) | $(rss "$aot" "${call[@]}") | $aot_size |"
echo "| NativeAOT, \`WIPPY_NATIVE_VERIFY=always\` | $(row aot_always) | – | – | same |"
echo "| NativeAOT, \`WIPPY_NATIVE_VERIFY=0\` | $(row aot_off) | – | – | same |"
echo "| JIT (\`dotnet build -c Release\`) | $(row jit) | $(row jit_cold) | $(rss "$jit" "${call[@]}") | $jit_size |"
echo
printf 'AOT / JIT, warm: %.2f (default), %.2f (always)\n' "$ratio" "$ratio_always"
