#!/usr/bin/env bash
# Rebuilds the sample registry's guest *components* from their sources in this folder:
#   mapper.c + mapper.wit -> mapper.wasm   (freestanding C, no libc, clang --target=wasm32 +
#                                           wasm-ld; then wit-component, no adapters)
#   config.c + config.wit -> config.wasm   (C with wasi-libc, clang --target=wasm32-wasi reactor;
#                                           then wit-component with jco's wasi_snapshot_preview1
#                                           reactor adapter: imports WASI 0.2)
#   site.c   + site.wit   -> site.wasm     (freestanding C, no libc, as mapper; a wasi:http/incoming-
#                                           handler@0.2.0 component, no adapters; see site.README.md)
#   counter.c + counter.wit -> counter.wasm (freestanding C, no libc, as mapper; a Wippy process over
#                                           wippy:actor/process@0.1.0, no adapters; see counter.README.md)
# (build.sh rebuilds the core modules.) The tools (Debian clang/lld/wabt/wasi-libc, npm jco at a pinned
# version, installed into the git-ignored tests/guests/components/.tools) come from
# tests/guests/components/tools/setup.sh. Prints each component's WIT and its sha256.
set -euo pipefail
cd "$(dirname "$0")"
source ../../../tests/guests/components/tools/setup.sh

tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
build_core "$tmp/mapper.core.wasm" mapper.c
componentize "$tmp/mapper.core.wasm" mapper.wit mapper mapper.wasm
build_wasi_core "$tmp/config.core.wasm" config.c
componentize "$tmp/config.core.wasm" config.wit config config.wasm reactor
build_core "$tmp/site.core.wasm" site.c
componentize "$tmp/site.core.wasm" site.wit site site.wasm
build_core "$tmp/counter.core.wasm" counter.c
componentize "$tmp/counter.core.wasm" counter.wit counter counter.wasm
