#!/usr/bin/env bash
# Brings src/<project>/PublicAPI.Unshipped.txt in line with the project's public surface, from the public-API
# analyzer's own findings (RS0016: a public symbol not listed; RS0017: a listed symbol that is gone). Run it after an
# intended change to the public API, then review the diff of PublicAPI.Unshipped.txt with the change.
#   bash eng/update-public-api.sh src/Wippy.Host
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
project="${1:?usage: eng/update-public-api.sh src/<project>}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
dotnet build "$project" --no-incremental -p:TreatWarningsAsErrors=false >"$log" 2>&1 || true
python3 - "$project/PublicAPI.Unshipped.txt" "$log" <<'PY'
import re, sys
path, log = sys.argv[1], sys.argv[2]
lines = [l.rstrip('\n') for l in open(path)]
header = [l for l in lines if l.startswith('#')] or ['#nullable enable']
symbols = set(l for l in lines if l and not l.startswith('#'))
added, removed = set(), set()
for line in open(log):
    m = re.search(r"RS0016: Symbol '(.*)' is not part of the declared public API \(", line)
    if m: added.add(m.group(1))
    m = re.search(r"RS0017: Symbol '(.*)' is part of the declared API, but is either not public or could not be found \(", line)
    if m: removed.add(m.group(1))
symbols = (symbols | added) - removed
open(path, 'w').write('\n'.join(header) + '\n' + ''.join(s + '\n' for s in sorted(symbols, key=lambda s: s.replace('~', ''))))
print(f"{path}: {len(added)} added, {len(removed)} removed, {len(symbols)} listed")
PY
