#!/usr/bin/env bash
# Builds the JavaScript test guests (tests/guests/components/http-js/hello.wasm, ComponentizeJS from npm), which
# are not committed: 12.8 MB each, and not byte-for-byte reproducible. Idempotent: builds only when the component
# is missing or older than its sources. The tools come from tests/guests/components/tools/setup.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
guest="$here/guests/components/http-js"

stale=0
[ -f "$guest/hello.wasm" ] || stale=1
for source in "$guest/hello.js" "$guest/wit/world.wit" "$guest/build.sh" "$guest/componentize.mjs"; do
    [ "$stale" = 1 ] || [ "$source" -nt "$guest/hello.wasm" ] && stale=1
done
if [ "$stale" = 0 ]; then
    echo "install-js-guests: http-js/hello.wasm is up to date"
    exit 0
fi
bash "$guest/build.sh" | tail -n 1
