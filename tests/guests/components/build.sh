#!/usr/bin/env bash
# Rebuilds every component guest under this folder (echo, host-import, trap, calc, imports, clocks, stdio, http, http-server, fiber, actor). Each
# subfolder's build.sh can also be run alone. Prints each component's WIT and sha256.
set -euo pipefail
cd "$(dirname "$0")"
for d in echo host-import trap calc imports clocks stdio http http-server fiber actor; do
    "./$d/build.sh"
done
