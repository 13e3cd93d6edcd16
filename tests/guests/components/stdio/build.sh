#!/usr/bin/env bash
# Rebuilds stdio.wasm (world stdio) from stdio.c + stdio.wit. See ../README.md.
set -euo pipefail
cd "$(dirname "$0")"
source ../tools/setup.sh

tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
build_core "$tmp/stdio.core.wasm" stdio.c
componentize "$tmp/stdio.core.wasm" stdio.wit stdio stdio.wasm
