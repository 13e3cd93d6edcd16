#!/usr/bin/env bash
# The test command of the README (and of .ci/run): installs what the tests need, idempotently, then runs
# every test project of the solution against the real Wasmtime engine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash tests/install-wit-fixtures.sh
bash tests/install-aot-prerequisites.sh
bash tests/install-js-guests.sh

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test Wippy.sln --nologo "$@" 2>&1 | tee "$log" || status=$?

# One closing line for the whole suite, summed over the test projects' summaries.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
echo
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
