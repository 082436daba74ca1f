#!/usr/bin/env bash
# Runs every test project in the solution (Release) and prints a one-line summary:
#   tests: N passed, M failed, K skipped
# Extra arguments are passed to `dotnet test` (e.g. --filter ...).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

results_dir="artifacts/test-results"
mkdir -p "$results_dir"
find "$results_dir" -name '*.trx' -type f -delete

rc=0
dotnet test Itinera.slnx -c Release --logger "trx;LogFilePrefix=results" --results-directory "$results_dir" "$@" || rc=$?

# Sum the <Counters .../> of every TRX file. Skipped tests are "notExecuted"; the VSTest TRX
# logger leaves that counter at 0 for skipped tests though, so fall back to total - executed.
read -r passed failed skipped < <(
  find "$results_dir" -name '*.trx' -type f -print0 \
    | xargs -0 -r grep -ho '<Counters [^>]*>' \
    | awk '
        function attr(line, name,   m) {
          if (match(line, " " name "=\"[0-9]+\"")) {
            m = substr(line, RSTART, RLENGTH)
            gsub(/[^0-9]/, "", m)
            return m + 0
          }
          return 0
        }
        {
          p += attr($0, "passed")
          f += attr($0, "failed")
          n = attr($0, "notExecuted")
          d = attr($0, "total") - attr($0, "executed")
          s += (n > d ? n : d)
        }
        END { printf "%d %d %d\n", p, f, s }'
)

echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"

if [ "$rc" -ne 0 ]; then
  exit "$rc"
fi
if [ "$passed" -eq 0 ]; then
  echo "error: no test passed" >&2
  exit 1
fi
