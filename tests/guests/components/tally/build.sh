#!/usr/bin/env bash
# Rebuilds tally.wasm (a component importing a resource the host implements) from tally.c + tally.wit. See ../README.md.
set -euo pipefail
cd "$(dirname "$0")"
source ../tools/setup.sh
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
build_core "$tmp/tally.core.wasm" tally.c
componentize "$tmp/tally.core.wasm" tally.wit tally-guest tally.wasm
