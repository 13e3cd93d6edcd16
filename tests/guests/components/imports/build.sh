#!/usr/bin/env bash
# Rebuilds imports.wasm (world imports) and imports-wasi.wasm (world imports-wasi, the same code
# built with -DWITH_WASI) from imports.c + imports.wit. See ../README.md.
set -euo pipefail
cd "$(dirname "$0")"
source ../tools/setup.sh

# imports.wit's wasi:cli/environment@0.2.0 must declare the same functions as the wasi:cli
# package jco carries (0.2.12: the interface has not changed since 0.2.0).
jco_cli="$COMPONENT_TOOLS_DIR/node_modules/@bytecodealliance/jco/lib/wit/builtin/0.2.12/wasi-cli/package.wit"
env_funcs() { awk '/^ *interface environment *\{/{f=1;next} f&&/^ *\}/{exit} f' "$1" | sed 's/^ *//' | grep -v '^$'; }
diff -u <(env_funcs "$jco_cli") <(env_funcs imports.wit) >&2 ||
    { echo "imports.wit: wasi:cli/environment differs from $jco_cli" >&2; exit 1; }

tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
build_core "$tmp/imports.core.wasm" imports.c
componentize "$tmp/imports.core.wasm" imports.wit imports imports.wasm
build_core "$tmp/imports-wasi.core.wasm" -DWITH_WASI imports.c
componentize "$tmp/imports-wasi.core.wasm" imports.wit imports-wasi imports-wasi.wasm
