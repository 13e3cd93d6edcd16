#!/usr/bin/env bash
# Rebuilds actor.wasm (component, world actor-test: the guest of the host's actor (mailbox) tests, over
# wippy:actor/process@0.1.0) from actor.c + actor.wit. See ../README.md.
set -euo pipefail
cd "$(dirname "$0")"
source ../tools/setup.sh
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
build_core "$tmp/actor.core.wasm" actor.c
componentize "$tmp/actor.core.wasm" actor.wit actor-test actor.wasm
