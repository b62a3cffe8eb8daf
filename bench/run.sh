#!/usr/bin/env bash
# Times `dlt-manifest generate` against dlt's own generator (the oracle) on synthetic
# workspaces of 10, 100 and 1,000 modules, in one run (hyperfine, from Debian's packages).
#   bench/run.sh [ORACLE_PYTHON]     (default: /tmp/oracle127/bin/python)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
oracle_py="${1:-/tmp/oracle127/bin/python}"
oracle="$here/../../shared/oracle/oracle.py"
for n in 10 100 1000; do
  ws="$(mktemp -d)/bench$n"
  python "$here/make_workspace.py" "$n" "$ws"
  runs=10; [ "$n" = 1000 ] && runs=3
  hyperfine --warmup 1 --runs "$runs" \
    "dlt-manifest generate $ws" \
    "$oracle_py $oracle $ws"
done
