#!/usr/bin/env bash
# Installs the real-world WIT files that the WIT parser tests read (tests/Wippy.Abstractions.Tests/Wit/WasiFixtureTests.cs).
# They ship inside the npm package @bytecodealliance/jco (under lib/wit/builtin/: the WASI 0.2.x packages
# io, clocks, random, cli, filesystem, sockets and http, WASI 0.3.0 and a few more).
# Idempotent: does nothing when the pinned version is already installed.
set -euo pipefail

PACKAGE="@bytecodealliance/jco"
VERSION="1.35.0"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
prefix="$here/Wippy.Abstractions.Tests/witdata"
manifest="$prefix/node_modules/$PACKAGE/package.json"

if [ -f "$manifest" ] && grep -q "\"version\": \"$VERSION\"" "$manifest"; then
  echo "install-wit-fixtures: $PACKAGE@$VERSION already installed in $prefix"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "install-wit-fixtures: npm is required (install Node.js)" >&2
  exit 1
fi

mkdir -p "$prefix"
# Only this package's files are needed, not its dependencies: fetch its tarball with `npm pack` and unpack it.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
(cd "$scratch" && npm pack --silent "$PACKAGE@$VERSION" >/dev/null)
rm -rf "$prefix/node_modules/$PACKAGE"
mkdir -p "$prefix/node_modules/$PACKAGE"
tar -xzf "$scratch"/*.tgz -C "$prefix/node_modules/$PACKAGE" --strip-components=1

if ! grep -q "\"version\": \"$VERSION\"" "$manifest"; then
  echo "install-wit-fixtures: $PACKAGE@$VERSION did not install into $prefix" >&2
  exit 1
fi
echo "install-wit-fixtures: installed $PACKAGE@$VERSION into $prefix"
