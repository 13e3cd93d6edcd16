#!/usr/bin/env bash
# Rebuilds counter.wasm (a component exporting a resource) from counter.c + counter.wit, and counter-paced.wasm (the
# same with -DPACED: it also imports wippy:counter/pace, whose tick its get and destructor call). See ../README.md.
set -euo pipefail
cd "$(dirname "$0")"
source ../tools/setup.sh
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
build_core "$tmp/counter.core.wasm" counter.c
componentize "$tmp/counter.core.wasm" counter.wit counter-guest counter.wasm
build_core "$tmp/counter-paced.core.wasm" -DPACED counter.c
componentize "$tmp/counter-paced.core.wasm" counter.wit counter-paced-guest counter-paced.wasm
