#!/usr/bin/env bash
# Rebuilds hello.wasm (a wasi:http/incoming-handler component, world `component` of wit/) from hello.js
# with npm @bytecodealliance/componentize-js (installed into ../.tools by ensure_componentize_js).
# hello.wasm is not committed (12.8 MB, and not reproducible: ComponentizeJS snapshots the engine's
# start-up with real randomness); tests/install-js-guests.sh builds it when it is missing or older than hello.js.
# See ../README.md, "http-js".
set -euo pipefail
cd "$(dirname "$0")"
source ../tools/setup.sh
ensure_componentize_js

# The world's WASI dependencies are the WASI 0.2.12 WIT packages jco ships (lib/wit/builtin), put beside
# wit/world.wit in a scratch folder: wasi:http needs cli, clocks, io, random, and cli needs filesystem and sockets.
jco_wit="$COMPONENT_TOOLS_DIR/node_modules/@bytecodealliance/jco/lib/wit/builtin/0.2.12"
wit="$(mktemp -d)"; trap 'rm -rf "$wit"' EXIT
cp wit/world.wit "$wit/"
mkdir "$wit/deps"
for p in cli clocks filesystem http io random sockets; do
    cp -r "$jco_wit/wasi-$p" "$wit/deps/"
done

node componentize.mjs "$COMPONENT_TOOLS_DIR" hello.js "$wit" component hello.wasm
chmod 644 hello.wasm
echo "hello.wasm sha256:$(sha256sum hello.wasm | cut -d' ' -f1)"
