#!/bin/sh
# The oracle's document (dlt 1.27.2's own generator) of corpus cases after `check --fix`:
#   tests/data/fixed/make.sh /tmp/oracle1272 CASE...   (from the repository root)
# The oracle runs the workspace's code: run it only on the corpus.
set -e
oracle="$1"; shift
for case in "$@"; do
    work=$(mktemp -d)
    cp -r "corpus/$case" "$work/$case"
    dlt-manifest check --fix --dlt-version 1.27.2 --python-version 3.11 -q "$work/$case" >/dev/null || true
    "$oracle/bin/python" ../shared/oracle/oracle.py "$work/$case" > "tests/data/fixed/$case.json"
    rm -rf "$work"
done
