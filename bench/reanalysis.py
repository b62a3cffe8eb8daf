"""In-process re-analysis with the language server's memo of parsed files (issue 11):
CPU seconds of an analysis without it, with it cold, warm (nothing changed) and after an
edit of one module (an unsaved buffer).

    python bench/reanalysis.py WORKSPACE
"""

import sys, time, os
from dlt_manifest.analysis import analyze
from dlt_manifest.source.workspace import SourceMemo
root = sys.argv[1]
memo = SourceMemo()
def t(**k):
    a = time.process_time(); r = analyze(root, **k); return time.process_time() - a, r
c, r0 = t()
print("no memo %.2f s" % c)
c, _ = t(memo=memo); print("memo cold %.2f s" % c)
for i in range(3):
    c, _ = t(memo=memo); print("memo warm %.2f s" % c)
leaf = sorted(p for p in os.listdir(root) if p.endswith('.py') and p != '__deployment__.py')[3]
path = os.path.realpath(os.path.join(root, leaf))
for i in range(3):
    ov = {path: open(path,'rb').read() + f"\n# edit {i}\n".encode()}
    c, r = t(memo=memo, overlay=ov); print("memo edit %.2f s" % c, r.ok, memo.hits)
