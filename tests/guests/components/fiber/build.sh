#!/usr/bin/env bash
# Rebuilds fiber.wasm (component) from fiber.c + fiber.wit. See ../README.md.
set -euo pipefail
cd "$(dirname "$0")"
source ../tools/setup.sh
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
build_core "$tmp/fiber.core.wasm" fiber.c
componentize "$tmp/fiber.core.wasm" fiber.wit fiber fiber.wasm
