#!/usr/bin/env bash
# Rebuilds trap.wasm (a component) from trap.c + trap.wit. See ../README.md.
set -euo pipefail
cd "$(dirname "$0")"
source ../tools/setup.sh
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
build_core "$tmp/trap.core.wasm" trap.c
componentize "$tmp/trap.core.wasm" trap.wit trap trap.wasm
