"""dlt-manifest against dlt's own generator on one workspace, their runs interleaved (ours,
the runtime's, ours, ...): a change of load on a shared machine then weighs on both alike,
where hyperfine (`bench/run.sh`) runs all of one command's runs before the other's. Prints
the median wall time and the median CPU time (user + system, of the process and its
children) of each, and the ratio of the median CPU times.

    python bench/paired.py WORKSPACE [--runs 5] [--oracle /tmp/oracle1272/bin/python]
        [--tool dlt-manifest] [-- EXTRA OPTIONS OF dlt-manifest generate]

The runtime is called as `bench/run.sh` calls it: `manifest_from_module('__deployment__')`
in a fresh process in the workspace's folder, no bytecode written, pipelines kept out of
~/.dlt. Each command runs once first, untimed (a warm file-system cache for both).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import tempfile
import time

RUNTIME = "from dlt._workspace.deployment.manifest import manifest_from_module; manifest_from_module('__deployment__')"


def _timed(command: list, cwd: str, env: dict) -> tuple:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("workspace")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--oracle", default="/tmp/oracle1272/bin/python")
    parser.add_argument("--tool", default="dlt-manifest")
    parser.add_argument("extra", nargs="*", help="more options of `dlt-manifest generate`")
    args = parser.parse_args()
    workspace = os.path.abspath(args.workspace)
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", RUNTIME__DLTHUB_TELEMETRY="false")
    ours = [args.tool, "generate", workspace, "--no-cache", "-q", *args.extra]
    with tempfile.TemporaryDirectory() as data_dir:
        runtime_env = dict(env, DLT_DATA_DIR=data_dir)
        theirs = [args.oracle, "-c", RUNTIME]
        results: dict = {"ours": [], "runtime": []}
        codes = {}
        for warm_up in (True,) + (False,) * args.runs:
            for label, command, cwd, environment in (
                ("ours", ours, None, env),
                ("runtime", theirs, workspace, runtime_env),
            ):
                wall, cpu, code = _timed(command, cwd, environment)
                codes[label] = code
                if not warm_up:
                    results[label].append((wall, cpu))
    for label, runs in results.items():
        walls = [w for w, _ in runs]
        cpus = [c for _, c in runs]
        print(f"{label:8} median {statistics.median(walls):7.2f} s wall, {statistics.median(cpus):7.2f} s CPU"
              f"  (CPU min {min(cpus):.2f}, max {max(cpus):.2f}; exit {codes[label]})")
    ratio = statistics.median(c for _, c in results["runtime"]) / statistics.median(c for _, c in results["ours"])
    print(f"ratio (runtime CPU / ours): {ratio:.2f}x" + ("" if ratio >= 1 else f" (ours {1 / ratio:.2f}x slower)"))


if __name__ == "__main__":
    main()
