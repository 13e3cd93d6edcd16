#!/usr/bin/env bash
# Rebuilds abi.wasm from abi.c (freestanding C, no libc: clang --target=wasm32 + wasm-ld).
# Installs the Debian packages it needs (clang, lld, wabt) only when a tool is missing,
# validates the binary and prints its sha256.
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v clang >/dev/null 2>&1 || need+=(clang)
command -v wasm-ld >/dev/null 2>&1 || need+=(lld)
for t in wasm-validate wasm-objdump; do
    command -v "$t" >/dev/null 2>&1 || { need+=(wabt); break; }
done
if ((${#need[@]})); then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}"
fi

export SOURCE_DATE_EPOCH=0 LC_ALL=C

clang --target=wasm32 -nostdlib -ffreestanding -fno-builtin -O2 \
    -Wall -Wextra -Werror \
    -Wl,--no-entry -Wl,--strip-debug \
    -o abi.wasm abi.c

chmod 644 abi.wasm
wasm-validate abi.wasm
echo "abi.wasm sha256:$(sha256sum abi.wasm | cut -d' ' -f1)"
