#!/usr/bin/env bash
# Rebuilds clocks.wasm (world clocks) from clocks.c + clocks.wit. See ../README.md.
set -euo pipefail
cd "$(dirname "$0")"
source ../tools/setup.sh

tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
build_core "$tmp/clocks.core.wasm" clocks.c
componentize "$tmp/clocks.core.wasm" clocks.wit clocks clocks.wasm
