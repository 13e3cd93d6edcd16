#!/usr/bin/env bash
# Rebuilds clocks.wasm (world clocks) and clocks-poll.wasm (world clocks-poll, the same code built with
# -DWITH_POLL) from clocks.c + clocks.wit. See ../README.md.
set -euo pipefail
cd "$(dirname "$0")"
source ../tools/setup.sh

tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
build_core "$tmp/clocks.core.wasm" clocks.c
componentize "$tmp/clocks.core.wasm" clocks.wit clocks clocks.wasm
build_core "$tmp/clocks-poll.core.wasm" -DWITH_POLL clocks.c
componentize "$tmp/clocks-poll.core.wasm" clocks.wit clocks-poll clocks-poll.wasm
