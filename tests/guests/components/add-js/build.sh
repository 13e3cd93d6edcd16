#!/usr/bin/env bash
# Builds add.wasm (world `bench` of wit/) from add.js with npm @bytecodealliance/componentize-js (installed into
# ../.tools by ensure_componentize_js), with the same driver as ../http-js (componentize.mjs). Not committed: about
# 12 MB, and not reproducible (ComponentizeJS snapshots the engine's start-up with real randomness);
# benchmarks/install-js-guest.sh builds it when it is missing or older than its sources.
set -euo pipefail
cd "$(dirname "$0")"
source ../tools/setup.sh
ensure_componentize_js
node ../http-js/componentize.mjs "$COMPONENT_TOOLS_DIR" add.js wit bench add.wasm
chmod 644 add.wasm
echo "add.wasm sha256:$(sha256sum add.wasm | cut -d' ' -f1)"
