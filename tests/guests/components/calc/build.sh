#!/usr/bin/env bash
# Rebuilds calc.wasm (a component) from calc.c + calc.wit. See ../README.md.
set -euo pipefail
cd "$(dirname "$0")"
source ../tools/setup.sh
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
build_core "$tmp/calc.core.wasm" calc.c
componentize "$tmp/calc.core.wasm" calc.wit calc calc.wasm
