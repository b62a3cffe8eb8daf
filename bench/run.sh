#!/usr/bin/env bash
# The performance table of issue 8 (README, "Performance"): dlt-manifest against dlt's own
# generator called the way users run it (directly, a fresh process, no bytecode written,
# pipelines kept out of ~/.dlt), paired in one hyperfine run per shape: median wall time,
# mean CPU time (user + system: steadier on a shared machine), the ratio of CPU times,
# and peak memory (/usr/bin/time -v). Needs hyperfine (Debian: apt-get install hyperfine).
#
#   bench/run.sh [ORACLE_PYTHON] [OUT.md]
#       ORACLE_PYTHON: a venv's python with dlt 1.27.2 (default /tmp/oracle1272/bin/python)
#       SYNTH: the realistic shape's generator (default ../shared/bench/synth-workspace.py)
#       SIZES: realistic sizes (default "10 100 1000"); QUICK=1: fewer runs; NO_PLAIN=1:
#       without the one-line-modules and long-module shapes
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
oracle_py="${1:-/tmp/oracle1272/bin/python}"
out_md="${2:-/dev/stdout}"
synth="${SYNTH:-$here/../../shared/bench/synth-workspace.py}"
tool="${DLT_MANIFEST:-dlt-manifest}"
sizes="${SIZES:-10 100 1000}"
work="$(mktemp -d)"
export PYTHONDONTWRITEBYTECODE=1 RUNTIME__DLTHUB_TELEMETRY=false
runtime() {  # the runtime's command for workspace $1
  echo "cd $1 && DLT_DATA_DIR=\$(mktemp -d) $oracle_py -c \"from dlt._workspace.deployment.manifest import manifest_from_module; manifest_from_module('__deployment__')\" >/dev/null"
}
peak() {  # peak RSS (MB) of the shell command $1
  /usr/bin/time -v bash -c "$1" 2>&1 >/dev/null | awk '/Maximum resident/ {printf "%.0f", $6/1024}'
}
runs_for() { case "$1" in 10) echo 10;; 100) echo 5;; *) echo "${RUNS_LARGE:-3}";; esac; }
[ "${QUICK:-}" = 1 ] && runs_for() { echo 2; }
rows="$work/rows.tsv"
: >"$rows"
pair() {  # label, workspace, runs, extra options of dlt-manifest
  local label="$1" ws="$2" runs="$3" opts="${4:-}"
  local ours="$tool generate $ws --no-cache -q $opts >/dev/null" theirs
  theirs="$(runtime "$ws")"
  local json="$work/$(echo "$label" | tr -c 'a-z0-9' _).json"
  hyperfine --warmup 1 --runs "$runs" --export-json "$json" -n ours "$ours" -n runtime "$theirs" >&2
  printf '%s\tcold\t%s\t%s\t%s\n' "$label" "$json" "$(peak "$ours")" "$(peak "$theirs")" >>"$rows"
}
single() {  # label, kind, command, runs, [prepare]
  local label="$1" kind="$2" cmd="$3" runs="$4" prepare="${5:-}"
  local json="$work/$(echo "$label-$kind" | tr -c 'a-z0-9' _).json"
  if [ -n "$prepare" ]; then
    hyperfine --warmup 1 --runs "$runs" --prepare "$prepare" --export-json "$json" -n ours "$cmd" >&2
  else
    hyperfine --warmup 2 --runs "$runs" --export-json "$json" -n ours "$cmd" >&2
  fi
  [ -n "$prepare" ] && bash -c "$prepare"
  printf '%s\t%s\t%s\t%s\t-\n' "$label" "$kind" "$json" "$(peak "$cmd")" >>"$rows"
}

for n in $sizes; do
  ws="$work/realistic$n"
  python3 "$synth" "$ws" --modules "$n" >/dev/null
  # beyond ~1,050 modules of this shape, what their trees keep exceeds the default budget
  # of the workspace (`total_parse_cost`: DM904 without this option)
  opts=""; [ "$n" -gt 1000 ] && opts="--limit total_parse_cost=6000000"
  pair "realistic x$n" "$ws" "$(runs_for "$n")" "$opts"
  single "realistic x$n" warm "$tool generate $ws -q $opts >/dev/null" 10
  if [ "$n" = 1000 ] || [ "$n" = "$(echo "$sizes" | awk '{print $NF}')" ]; then
    leaf="$(ls "$ws" | grep -E '^[a-z]+_[0-9]+\.py$' | head -1)"
    single "realistic x$n" "one file edited" "$tool generate $ws -q $opts >/dev/null" "$(runs_for "$n")" \
      "echo \"# edited \$(date +%s%N)\" >> $ws/$leaf"
  fi
done
if [ -z "${NO_PLAIN:-}" ]; then
  # both within the default budgets
  tiny="$work/tiny10000"; python3 "$here/shapes.py" tiny 10000 "$tiny"
  pair "10,000 one-line modules" "$tiny" 3
  long="$work/long200000"; python3 "$here/shapes.py" long 200000 "$long"
  pair "one 200,000-statement module" "$long" 3
fi

python3 - "$rows" >"$out_md" <<'EOF'
import json, sys
print("| workspace | run | dlt-manifest: median, CPU | runtime (dlt 1.27.2): median, CPU | ratio (CPU) | peak memory (ours / runtime) |")
print("|---|---|---|---|---|---|")
for line in open(sys.argv[1]):
    label, kind, path, mem_ours, mem_theirs = line.rstrip("\n").split("\t")
    results = {r["command"]: r for r in json.load(open(path))["results"]}
    def shown(r):
        return f"{r['median']:.2f} s, {r['user'] + r['system']:.2f} s"
    ours = results["ours"]
    if kind == "cold":
        theirs = results["runtime"]
        ratio = (theirs["user"] + theirs["system"]) / (ours["user"] + ours["system"])
        ratio_text = f"{ratio:.1f}x faster" if ratio >= 1 else f"**{1 / ratio:.1f}x slower**"
        print(f"| {label} | cold | {shown(ours)} | {shown(theirs)} | {ratio_text} | {mem_ours} MB / {mem_theirs} MB |")
    else:
        print(f"| {label} | {kind} | {shown(ours)} | | | {mem_ours} MB |")
EOF
echo "raw results: $work" >&2
