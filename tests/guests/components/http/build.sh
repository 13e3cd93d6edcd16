#!/usr/bin/env bash
# Rebuilds http.wasm (world http-client) from http.c + http.wit. See ../README.md.
set -euo pipefail
cd "$(dirname "$0")"
source ../tools/setup.sh

tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
build_core "$tmp/http.core.wasm" http.c
componentize "$tmp/http.core.wasm" http.wit http-client http.wasm
