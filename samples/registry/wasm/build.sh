#!/usr/bin/env bash
# Rebuilds the sample registry's guest modules from their sources in this folder:
#   compute.wat -> compute.wasm   (wat2wasm)
#   greet.c     -> greet.wasm     (freestanding C, no libc: clang --target=wasm32 + wasm-ld)
# Installs the Debian packages it needs (clang, lld, wabt) only when a tool is missing,
# validates each binary and prints its sha256.
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v clang >/dev/null 2>&1 || need+=(clang)
command -v wasm-ld >/dev/null 2>&1 || need+=(lld)
for t in wat2wasm wasm-validate wasm-objdump; do
    command -v "$t" >/dev/null 2>&1 || { need+=(wabt); break; }
done
if ((${#need[@]})); then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}"
fi

export SOURCE_DATE_EPOCH=0 LC_ALL=C

wat2wasm compute.wat -o compute.wasm

clang --target=wasm32 -nostdlib -ffreestanding -fno-builtin -O2 \
    -Wall -Wextra -Werror \
    -Wl,--no-entry -Wl,--strip-debug \
    -o greet.wasm greet.c

chmod 644 compute.wasm greet.wasm
for w in compute.wasm greet.wasm; do
    wasm-validate "$w"
    echo "$w sha256:$(sha256sum "$w" | cut -d' ' -f1)"
done
