#!/usr/bin/env bash
# What the NativeAOT end-to-end test (tests/Wippy.Host.Tests/EndToEnd) needs to publish on Linux: clang (the
# linker driver) and zlib1g-dev. Installed with apt-get only when missing; nothing is done when
# WIPPY_SKIP_AOT_TEST=1 (the test is skipped then).
set -euo pipefail
[ "${WIPPY_SKIP_AOT_TEST:-}" = "1" ] && exit 0
need=()
command -v clang >/dev/null 2>&1 || need+=(clang)
dpkg -s zlib1g-dev >/dev/null 2>&1 || need+=(zlib1g-dev)
if ((${#need[@]})); then
    sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}"
fi
