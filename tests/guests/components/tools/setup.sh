# Sourced by the component build scripts (bash). Makes sure the tools exist:
#   - Debian: clang, lld (wasm-ld), wabt (wasm-validate): installed only when a tool is missing;
#   - Debian: wasi-libc (sysroot /usr/lib/wasm32-wasi, headers /usr/include/wasm32-wasi) and
#     libclang-rt-14-dev-wasm32 (compiler-rt builtins for wasm32-wasi), for build_wasi_core:
#     installed only when the package is not installed (dpkg -s);
#   - npm: @bytecodealliance/jco (bundles wasm-tools' `component embed/new/wit/print` as a JS API),
#     exact pinned versions, installed with `npm install --no-save` into the git-ignored folder
#     tests/guests/components/.tools (node_modules only), only when missing or at another version.
#   - npm: @bytecodealliance/componentize-js (JS -> component), only through ensure_componentize_js.
# Defines: COMPONENT_TOOLS_DIR, and the functions build_core, build_wasi_core, componentize and
# ensure_componentize_js.
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
for _p in wasi-libc libclang-rt-14-dev-wasm32; do
    dpkg -s "$_p" >/dev/null 2>&1 || _need+=("$_p")
done
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

# ensure_componentize_js: also installs npm @bytecodealliance/componentize-js at COMPONENTIZE_JS_VERSION
# (JavaScript -> component: StarlingMonkey + wizer/weval; jco 1.35.0 itself pulls 0.22.0, which then
# stays nested under jco), only when missing or at another version. It installs all the pinned
# packages in one `npm install` (a --no-save install of one package alone would prune the others,
# which no package.json records). Used by ../http-js/build.sh only; defines COMPONENTIZE_JS_DIR.
# componentize-js imports @bytecodealliance/preview2-shim (its splicer is a jco-transpiled module) but
# lists it only as a devDependency, so npm may leave no copy it can find: pin one at the top level,
# 0.25.0 (jco-std's optional peer range is ^0.25.0; jco keeps its own nested 0.26.x).
COMPONENTIZE_JS_VERSION=0.23.0
PREVIEW2_SHIM_VERSION=0.25.0
ensure_componentize_js() {
    COMPONENTIZE_JS_DIR="$COMPONENT_TOOLS_DIR/node_modules/@bytecodealliance/componentize-js"
    if [ "$(_pkg_version @bytecodealliance/componentize-js)" != "$COMPONENTIZE_JS_VERSION" ] ||
       [ "$(_pkg_version @bytecodealliance/preview2-shim)" != "$PREVIEW2_SHIM_VERSION" ]; then
        npm install --prefix "$COMPONENT_TOOLS_DIR" --no-save --no-audit --no-fund \
            "@bytecodealliance/jco@$JCO_VERSION" "@bytecodealliance/jco-transpile@$JCO_TRANSPILE_VERSION" \
            "@bytecodealliance/componentize-js@$COMPONENTIZE_JS_VERSION" \
            "@bytecodealliance/preview2-shim@$PREVIEW2_SHIM_VERSION" >&2
    fi
    [ "$(_pkg_version @bytecodealliance/componentize-js)" = "$COMPONENTIZE_JS_VERSION" ] &&
    [ "$(_pkg_version @bytecodealliance/preview2-shim)" = "$PREVIEW2_SHIM_VERSION" ] &&
    [ "$(_pkg_version @bytecodealliance/jco)" = "$JCO_VERSION" ] ||
        { echo "setup.sh: componentize-js $COMPONENTIZE_JS_VERSION / jco $JCO_VERSION not installed" >&2; return 1; }
}

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

# build_wasi_core OUT.wasm SOURCE.c [more clang args]: C with wasi-libc -> wasm32-wasi *reactor*
# core module (no main; exports `_initialize`, which runs the C constructors; imports
# wasi_snapshot_preview1). Componentize it with the `reactor` adapter.
build_wasi_core() {
    local out="$1"; shift
    clang --target=wasm32-wasi -O2 -mexec-model=reactor \
        -Wall -Wextra -Werror \
        -Wl,--strip-debug \
        -o "$out" "$@"
    wasm-validate "$out"
}

# componentize CORE.wasm WIT-FILE WORLD OUT.wasm [ADAPTER]: embeds the world's WIT into the core
# module and wraps it into a component (wit-component), validates the result, prints its WIT and
# "OUT sha256:<hex>". Without ADAPTER no adapter is used (the core module must import nothing but
# the world's interfaces). ADAPTER `reactor` passes jco's bundled wasi_snapshot_preview1 reactor
# adapter (lib/wasi_snapshot_preview1.reactor.wasm), for core modules built by build_wasi_core.
componentize() {
    node "$(dirname "${BASH_SOURCE[0]}")/componentize.mjs" "$COMPONENT_TOOLS_DIR" "$@"
    chmod 644 "$4"
    echo "$(basename "$4") sha256:$(sha256sum "$4" | cut -d' ' -f1)"
}
