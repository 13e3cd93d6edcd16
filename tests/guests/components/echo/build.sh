#!/usr/bin/env bash
# Rebuilds echo.wasm (a component, world echo-component) from echo.c (which compiles in
# ../../abi/abi.c unchanged) and echo.wit, and echo-import.wasm (world echo-import: the same
# exports plus an import of wippy:test/unused that is never called; echo.c built with
# -DWITH_UNUSED_IMPORT). See ../README.md.
set -euo pipefail
cd "$(dirname "$0")"
source ../tools/setup.sh

# echo.wit's interface must stay abi.wit verbatim (4-space indented).
awk '/^interface echo \{/{f=1;next} f&&/^\}/{exit} f' echo.wit | sed 's/^    //' |
    diff -u ../../abi/abi.wit - >&2 || { echo "echo.wit: interface echo differs from abi.wit" >&2; exit 1; }

tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
build_core "$tmp/echo.core.wasm" echo.c
componentize "$tmp/echo.core.wasm" echo.wit echo-component echo.wasm
build_core "$tmp/echo-import.core.wasm" -DWITH_UNUSED_IMPORT echo.c
componentize "$tmp/echo-import.core.wasm" echo.wit echo-import echo-import.wasm
