#!/usr/bin/env bash
# Rebuilds counter.wasm (a component exporting a resource) from counter.c + counter.wit. See ../README.md.
set -euo pipefail
cd "$(dirname "$0")"
source ../tools/setup.sh
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
build_core "$tmp/counter.core.wasm" counter.c
componentize "$tmp/counter.core.wasm" counter.wit counter-guest counter.wasm
