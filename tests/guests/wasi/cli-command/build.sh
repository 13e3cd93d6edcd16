#!/usr/bin/env bash
# Rebuilds hello.wasm from hello.c (see ../README.md, "cli-command"):
#   a WASI 0.2 *command* component (exports wasi:cli/run, as `wasmtime run` runs it): hello.c with
#   wasi-libc as a wasm32-wasi command module (exports `_start`), wrapped with jco's preview1
#   *command* adapter. The core module is only an intermediate (hello.core.wasm, not kept).
# Tools: ../../components/tools/setup.sh (Debian clang/lld/wabt/wasi-libc/libclang-rt-14-dev-wasm32,
# npm jco at a pinned version). Prints the component's WIT and "hello.wasm sha256:<hex>".
set -euo pipefail
cd "$(dirname "$0")"
source ../../components/tools/setup.sh

core="$(mktemp -d)/hello.core.wasm"
trap 'rm -rf "$(dirname "$core")"' EXIT
# A command module (the default exec model): crt1-command.o's `_start` runs main.
clang --target=wasm32-wasi -O2 -Wall -Wextra -Werror -Wl,--strip-debug -o "$core" hello.c
wasm-validate "$core"
node componentize-command.mjs "$COMPONENT_TOOLS_DIR" "$core" hello.wasm
chmod 644 hello.wasm
echo "hello.wasm sha256:$(sha256sum hello.wasm | cut -d' ' -f1)"
