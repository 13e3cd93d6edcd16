#!/usr/bin/env bash
# Rebuilds server.wasm (world http-server: a wasi:http/incoming-handler@0.2.0 component) from server.c +
# server.wit. See ../README.md.
set -euo pipefail
cd "$(dirname "$0")"
source ../tools/setup.sh

tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
build_core "$tmp/server.core.wasm" server.c
componentize "$tmp/server.core.wasm" server.wit http-server server.wasm
