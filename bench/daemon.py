"""One edited file, answered by `dlt-manifest daemon` (issue 8): starts a daemon on a
private socket, runs `generate --daemon` cold, then edits modules one at a time (a
statement appended at module level: the module and every module importing it run again)
and times each run: wall seconds of the client (what a user waits for) and CPU seconds of
the daemon. With `--compare`, each edited workspace is also generated without the daemon
and the cache (`--no-cache`): the manifests must be equal (`created_at` fixed), and its
time is printed.

    python bench/daemon.py WORKSPACE [--edits 6] [--compare] [--tool dlt-manifest]

The workspace is edited in place (use a copy).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time


def _cpu(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("workspace")
    parser.add_argument("--edits", type=int, default=6)
    parser.add_argument("--compare", action="store_true")
    parser.add_argument("--tool", default="dlt-manifest")
    args = parser.parse_args()
    root = os.path.abspath(args.workspace)
    modules = sorted(
        os.path.join(folder, name) for folder, _, names in os.walk(root) for name in names
        if name.endswith(".py") and name != "__deployment__.py" and "/." not in folder
    )
    chosen = [modules[(i * len(modules)) // args.edits] for i in range(args.edits)]
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o700)
        env = dict(os.environ, DLT_MANIFEST_DAEMON_SOCKET=os.path.join(folder, "d.sock"), SOURCE_DATE_EPOCH="1767225600")
        log = open(os.path.join(folder, "log"), "wb")
        daemon = subprocess.Popen([args.tool, "daemon"], env=env, stdout=log, stderr=log)
        try:
            while not os.path.exists(env["DLT_MANIFEST_DAEMON_SOCKET"]):
                time.sleep(0.05)
            out = os.path.join(folder, "daemon.json")

            def run(*extra: str) -> tuple:
                before, start = _cpu(daemon.pid), time.perf_counter()
                subprocess.run([args.tool, "generate", root, "-q", *extra], env=env, check=False,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                return time.perf_counter() - start, _cpu(daemon.pid) - before

            wall, cpu = run("--daemon", "-o", out)
            print(f"cold: {wall:.2f} s wall, daemon {cpu:.2f} s CPU")
            walls = []
            for i, path in enumerate(chosen):
                with open(path, "a") as f:
                    f.write(f"\n_BENCH_EDIT_{i} = {i}\n")
                time.sleep(3)  # as between two commits: the daemon collects its garbage meanwhile
                wall, cpu = run("--daemon", "-o", out)
                walls.append(wall)
                line = f"edit {os.path.relpath(path, root)}: {wall:.2f} s wall, daemon {cpu:.2f} s CPU"
                if args.compare:
                    plain = os.path.join(folder, "plain.json")
                    start = time.perf_counter()
                    subprocess.run([args.tool, "generate", root, "-q", "--no-cache", "-o", plain], env=env, check=False,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    same = open(plain, "rb").read() == open(out, "rb").read()
                    line += f"; without the daemon {time.perf_counter() - start:.2f} s wall, manifest {'equal' if same else 'DIFFERENT'}"
                print(line, flush=True)
            print(f"edits: median {statistics.median(walls):.2f} s wall, max {max(walls):.2f} s")
        finally:
            daemon.terminate()
            daemon.wait()


if __name__ == "__main__":
    main()
