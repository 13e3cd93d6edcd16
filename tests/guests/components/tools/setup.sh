# Sourced by the component build scripts (bash). Makes sure the tools exist:
#   - Debian: clang, lld (wasm-ld), wabt (wasm-validate): installed only when a tool is missing;
#   - npm: @bytecodealliance/jco (bundles wasm-tools' `component embed/new/wit/print` as a JS API),
#     exact pinned versions, installed with `npm install --no-save` into the git-ignored folder
#     tests/guests/components/.tools (node_modules only), only when missing or at another version.
# Defines: COMPONENT_TOOLS_DIR, and the functions build_core and componentize.
set -euo pipefail

COMPONENT_TOOLS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.tools"
JCO_VERSION=1.35.0
JCO_TRANSPILE_VERSION=0.15.0 # the package that actually carries wasm-tools; pinned too

_need=()
command -v clang >/dev/null 2>&1 || _need+=(clang)
command -v wasm-ld >/dev/null 2>&1 || _need+=(lld)
command -v wasm-validate >/dev/null 2>&1 || _need+=(wabt)
command -v node >/dev/null 2>&1 || _need+=(nodejs)
command -v npm >/dev/null 2>&1 || _need+=(npm)
if ((${#_need[@]})); then
    _SUDO=""; [ "$(id -u)" = 0 ] || _SUDO="sudo"
    $_SUDO apt-get update
    $_SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${_need[@]}"
fi

_pkg_version() { # prints the installed version of an npm package in .tools, or nothing
    local f="$COMPONENT_TOOLS_DIR/node_modules/$1/package.json"
    [ -f "$f" ] && node -e 'process.stdout.write(require(process.argv[1]).version)' "$f" || true
}
if [ "$(_pkg_version @bytecodealliance/jco)" != "$JCO_VERSION" ] ||
   [ "$(_pkg_version @bytecodealliance/jco-transpile)" != "$JCO_TRANSPILE_VERSION" ]; then
    mkdir -p "$COMPONENT_TOOLS_DIR"
    npm install --prefix "$COMPONENT_TOOLS_DIR" --no-save --no-audit --no-fund \
        "@bytecodealliance/jco@$JCO_VERSION" "@bytecodealliance/jco-transpile@$JCO_TRANSPILE_VERSION" >&2
fi

export SOURCE_DATE_EPOCH=0 LC_ALL=C

# build_core OUT.wasm SOURCE.c [more clang args]: freestanding C (no libc) -> core module.
build_core() {
    local out="$1"; shift
    clang --target=wasm32 -nostdlib -ffreestanding -fno-builtin -O2 \
        -Wall -Wextra -Werror \
        -Wl,--no-entry -Wl,--strip-debug \
        -o "$out" "$@"
    wasm-validate "$out"
}

# componentize CORE.wasm WIT-FILE WORLD OUT.wasm: embeds the world's WIT into the core module and
# wraps it into a component (wit-component, no adapters), validates the result, prints its WIT and
# "OUT sha256:<hex>".
componentize() {
    node "$(dirname "${BASH_SOURCE[0]}")/componentize.mjs" "$COMPONENT_TOOLS_DIR" "$@"
    chmod 644 "$4"
    echo "$(basename "$4") sha256:$(sha256sum "$4" | cut -d' ' -f1)"
}
