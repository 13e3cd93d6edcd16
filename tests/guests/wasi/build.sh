#!/usr/bin/env bash
# Rebuilds, from probe.c + probe.wit (see README.md):
#   probe-core.wasm  the wasm32-wasi reactor core module (wasi-libc; imports wasi_snapshot_preview1)
#   probe.wasm       that module as a component, world probe, through jco's preview1 reactor adapter
# Tools: ../components/tools/setup.sh (Debian clang/lld/wabt/wasi-libc/libclang-rt-14-dev-wasm32,
# npm jco at a pinned version). Prints the component's WIT and both sha256s.
set -euo pipefail
cd "$(dirname "$0")"
source ../components/tools/setup.sh

build_wasi_core probe-core.wasm probe.c
chmod 644 probe-core.wasm
echo "probe-core.wasm sha256:$(sha256sum probe-core.wasm | cut -d' ' -f1)"
componentize probe-core.wasm probe.wit probe probe.wasm reactor
