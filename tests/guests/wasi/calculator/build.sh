#!/usr/bin/env bash
# Rebuilds calculator.wasm from calculator.c + calculator.wit (see ../README.md): the wasm32-wasi reactor core
# module (wasi-libc), made a component of world calculator through jco's preview1 reactor adapter.
# Tools: ../../components/tools/setup.sh. Prints the component's WIT and its sha256.
set -euo pipefail
cd "$(dirname "$0")"
source ../../components/tools/setup.sh

build_wasi_core calculator-core.wasm calculator.c
componentize calculator-core.wasm calculator.wit calculator calculator.wasm reactor
rm -f calculator-core.wasm
