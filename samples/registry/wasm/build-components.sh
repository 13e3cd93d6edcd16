#!/usr/bin/env bash
# Rebuilds the sample registry's guest *components* from their sources in this folder:
#   mapper.c + mapper.wit -> mapper.wasm   (freestanding C, no libc, clang --target=wasm32 +
#                                           wasm-ld; then wit-component, no adapters)
# (build.sh rebuilds the core modules.) The tools (Debian clang/lld/wabt, npm jco at a pinned
# version, installed into the git-ignored tests/guests/components/.tools) come from
# tests/guests/components/tools/setup.sh. Prints each component's WIT and its sha256.
set -euo pipefail
cd "$(dirname "$0")"
source ../../../tests/guests/components/tools/setup.sh

tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
build_core "$tmp/mapper.core.wasm" mapper.c
componentize "$tmp/mapper.core.wasm" mapper.wit mapper mapper.wasm
