"""In-process re-analysis with the language server's memo (issue 11): CPU seconds of an
analysis without it, with it cold, warm (nothing changed) and after module-level edits of
one module (an unsaved buffer): a module only `__deployment__.py` imports, and the module
most others import. With the memo, the runs of the modules an edit cannot reach are put
back (`python.reuse`): how many is printed.

    python bench/reanalysis.py WORKSPACE
"""

import os
import re
import sys
import time

from dlt_manifest.analysis import analyze
from dlt_manifest.source.workspace import SourceMemo

root = sys.argv[1]
memo = SourceMemo()


def timed(**kwargs):
    start = time.process_time()
    result = analyze(root, **kwargs)
    return time.process_time() - start, result


def reused(result) -> str:
    recorder = getattr(result.deployment.interp, "reuse", None)
    return f", {len(recorder.reused)} modules put back" if recorder is not None else ""


cost, _ = timed()
print("no memo %.2f s" % cost)
cost, result = timed(memo=memo)
print("memo cold %.2f s" % cost)
for _ in range(3):
    cost, result = timed(memo=memo)
    print("memo warm %.2f s%s" % (cost, reused(result)))

modules = sorted(p for p in os.listdir(root) if p.endswith(".py") and p not in ("__deployment__.py", "settings.py"))
everything = [os.path.join(folder, f) for folder, _, files in os.walk(root) for f in files if f.endswith(".py")]
texts = {path: open(path).read() for path in everything}
importers = {  # files other than __deployment__.py that import the module (packages' too)
    p: sum(bool(re.search(rf"^\s*(from|import) {p[:-3]}\b", t, re.M)) for path, t in texts.items()
           if not path.endswith("__deployment__.py"))
    for p in modules
}
for label, module in (("leaf", min(modules, key=lambda p: (importers[p], p))), ("hub", max(modules, key=lambda p: (importers[p], p)))):
    path = os.path.realpath(os.path.join(root, module))
    for i in range(3):
        overlay = {path: texts[os.path.join(root, module)].encode() + f"\nEDITED_{i} = {i}\n".encode()}
        cost, result = timed(memo=memo, overlay=overlay)
        print("memo edit of %s (%s, %d importers) %.2f s%s" % (module, label, importers[module], cost, reused(result)))
