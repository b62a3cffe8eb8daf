"""The source layer: files to trees, knowing nothing of values.

It owns the workspace listing and module lookup the way CPython's path finder sees them
(`workspace`), reading files under the root and its guards, screening each file with
CPython's own parser before LibCST sees it, LibCST parsing, positions computed on demand
(`files`, `span`) and the decoding of literals and docstrings (`literals`).

It imports nothing of the other layers.
"""
