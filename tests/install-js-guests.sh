#!/usr/bin/env bash
# Builds the JavaScript test guests (tests/guests/components/http-js/hello.wasm, ComponentizeJS from npm), which
# are not committed: 12.8 MB each, and not byte-for-byte reproducible. Idempotent: builds only when the component
# is missing or older than its sources. The tools come from tests/guests/components/tools/setup.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
guest="$here/guests/components/http-js"

registry="$here/Wippy.Http.Tests/registry/js/_index.yaml"

stale=0
[ -f "$guest/hello.wasm" ] || stale=1
for source in "$guest/hello.js" "$guest/wit/world.wit" "$guest/build.sh" "$guest/componentize.mjs"; do
    [ "$stale" = 1 ] || [ "$source" -nt "$guest/hello.wasm" ] && stale=1
done
if [ "$stale" = 0 ]; then
    echo "install-js-guests: http-js/hello.wasm is up to date"
else
    bash "$guest/build.sh" | tail -n 1
fi

# Each build has another hash, so the HTTP tests' registry namespace that serves it is written here, beside the
# committed registry (git-ignored): tests/Wippy.Http.Tests/registry/js/_index.yaml.
hash="$(sha256sum "$guest/hello.wasm" | cut -d' ' -f1)"
if [ -f "$registry" ] && grep -q "sha256:$hash" "$registry"; then
    exit 0
fi
mkdir -p "$(dirname "$registry")"
cat > "$registry" <<YAML
# Written by tests/install-js-guests.sh for the component it built (do not edit; git-ignored).
version: "1.0"
namespace: webjs

# The JavaScript wasi:http/incoming-handler component (tests/guests/components/http-js, ComponentizeJS) on a service of
# its own: it answers at /hello/<name> and /echo, paths the C component answers on web:api too (IncomingHandlerTests).
entries:
  - name: js
    kind: http.service
    addr: "127.0.0.1:8082"

  - name: js_root
    kind: http.router
    prefix: /
    meta:
      server: js

  - name: guest
    kind: fs.directory
    directory: ../../../guests/components/http-js

  - name: hello
    kind: function.wasm
    fs: guest
    path: /hello.wasm
    hash: sha256:$hash
    transport: wasi-http
    imports: [wasi:clocks, wasi:random, wasi:cli]

  - name: hello_endpoint
    kind: http.endpoint
    method: GET
    path: /hello/{name}
    func: hello
    meta:
      router: js_root

  - name: echo_endpoint
    kind: http.endpoint
    method: POST
    path: /echo
    func: hello
    meta:
      router: js_root

  - name: missing_endpoint
    kind: http.endpoint
    method: GET
    path: /missing
    func: hello
    meta:
      router: js_root
YAML
echo "install-js-guests: wrote $registry"
