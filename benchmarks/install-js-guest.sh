#!/usr/bin/env bash
# Builds the JavaScript guest of JsBenchmarks (tests/guests/components/add-js/add.wasm, ComponentizeJS from npm) and
# writes the benchmarks' registry namespace that serves it, benchmarks/Wippy.Benchmarks/registry/js/_index.yaml
# (git-ignored: the component is about 12 MB and each build has another hash). Without that file the benchmark project
# builds without JsBenchmarks. Idempotent: builds only when the component is missing or older than its sources.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
guest="$here/../tests/guests/components/add-js"
registry="$here/Wippy.Benchmarks/registry/js/_index.yaml"

stale=0
[ -f "$guest/add.wasm" ] || stale=1
for source in "$guest/add.js" "$guest/wit/world.wit" "$guest/build.sh"; do
    [ "$stale" = 1 ] || [ "$source" -nt "$guest/add.wasm" ] && stale=1
done
if [ "$stale" = 0 ]; then
    echo "install-js-guest: add-js/add.wasm is up to date"
else
    bash "$guest/build.sh" | tail -n 1
fi

hash="$(sha256sum "$guest/add.wasm" | cut -d' ' -f1)"
if [ -f "$registry" ] && grep -q "sha256:$hash" "$registry"; then
    exit 0
fi
mkdir -p "$(dirname "$registry")"
entry() { # name method
    cat <<YAML

  - name: $1
    kind: function.wasm
    fs: guest
    path: /add.wasm
    hash: sha256:$hash
    method: $2
    imports: [wasi:cli, wasi:clocks, wasi:random]
    pool:
      type: lazy
      max_size: 1
YAML
}
{
    cat <<YAML
# Written by benchmarks/install-js-guest.sh for the component it built (do not edit; git-ignored).
version: "1.0"
namespace: benchjs

# The JavaScript guest (tests/guests/components/add-js, ComponentizeJS): JsBenchmarks calls it warm.
entries:
  - name: guest
    kind: fs.directory
    directory: ../../../../tests/guests/components/add-js
YAML
    entry add add
    entry greet greet
} > "$registry"
echo "install-js-guest: wrote $registry"
