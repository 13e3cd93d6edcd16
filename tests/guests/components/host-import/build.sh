#!/usr/bin/env bash
# Rebuilds run.wasm and noop.wasm (components) from run.c / noop.c + host.wit. See ../README.md.
set -euo pipefail
cd "$(dirname "$0")"
source ../tools/setup.sh
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
build_core "$tmp/run.core.wasm" run.c
componentize "$tmp/run.core.wasm" host.wit runner run.wasm
build_core "$tmp/noop.core.wasm" noop.c
componentize "$tmp/noop.core.wasm" host.wit noop noop.wasm
