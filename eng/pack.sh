#!/usr/bin/env bash
# Packs Wippy's NuGet packages into one folder, for a local feed (see README, "Packages"):
#   Wippy.Abstractions, Wippy.Host, Wippy.Http, Wippy.Generators   <version>.nupkg
# An app adds Wippy.Host and Wippy.Generators (Wippy.Abstractions comes with Wippy.Host).
#
# Usage: eng/pack.sh [--output DIR] [--version VERSION]
#   --output   where the .nupkg files go (default: artifacts/packages)
#   --version  the packages' version (default: the VersionPrefix of Directory.Build.props)
# Idempotent: packing again overwrites the same files. Needs only the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")/.."

out="artifacts/packages"
version=""
while (($#)); do
    case "$1" in
        --output) out="$2"; shift 2 ;;
        --version) version="$2"; shift 2 ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo "eng/pack.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
    esac
done
mkdir -p "$out"
out="$(cd "$out" && pwd)"

props=()
[ -n "$version" ] && props+=("-p:Version=$version")
# Where the packages came from: the commit, and the repository when it has a remote.
if commit="$(git rev-parse HEAD 2>/dev/null)"; then props+=("-p:RepositoryCommit=$commit"); fi
if url="$(git remote get-url origin 2>/dev/null)"; then props+=("-p:RepositoryUrl=$url"); fi

for project in src/Wippy.Abstractions src/Wippy.Host src/Wippy.Http src/Wippy.Generators; do
    dotnet pack "$project" -c Release -o "$out" --nologo -v q "${props[@]}"
done
ls -l "$out"/*.nupkg
