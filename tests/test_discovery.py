"""Modules listed in `__all__`: dlt runs its framework detectors on each, so a module that
is not part of the workspace (an installed package, or one missing altogether) decides
the manifest by what it holds, which is never read: refused, not skipped."""

from __future__ import annotations

from workspace_util import analyze_files, codes

JOB = "from dlt.hub import run\n{imports}\n\n@run.job\ndef load(): ...\n__all__ = ['load', {listed}]\n"


def test_an_installed_module_in_all_is_refused(tmp_path) -> None:
    source = JOB.format(imports="import company_notebooks.sales as sales", listed="'sales'")
    result = analyze_files(tmp_path, {"__deployment__.py": source})
    assert not result.ok and codes(result) == ["DM901"]
    [finding] = result.diagnostics
    assert "module `company_notebooks.sales` is listed in `__all__` but is not part of the workspace" in finding.message
    assert (finding.span.line, finding.span.col) == (6, 20)


def test_a_workspace_module_and_a_stdlib_module_in_all_are_known(tmp_path) -> None:
    source = JOB.format(imports="import json\nimport helpers", listed="'json', 'helpers'")
    result = analyze_files(tmp_path, {"__deployment__.py": source, "helpers.py": "'''Helpers.'''\n"})
    assert result.ok, codes(result)
    refs = [job["job_ref"] for job in result.manifest["jobs"]]
    assert "jobs.helpers" in refs and not any("json" in ref for ref in refs)


def test_a_module_job_not_known_statically_is_one_refusal_under_every_engine(tmp_path) -> None:
    files = {
        "__deployment__.py": "import ingest\n__all__ = ['ingest']\n",
        "ingest.py": "'''Ingest.'''\nimport somelib\nr = somelib.thing() | [somelib.other]\nr.write_disposition = 'replace'\n",
    }
    for release in ("1.27.2", "1.31.0"):
        result = analyze_files(tmp_path / release, files, dlt_version=release)
        assert not result.ok and "DM302" not in codes(result), (release, codes(result))
        assert set(codes(result)) <= {"DM901", "DM903"} and codes(result), (release, codes(result))


def test_operators_between_installed_objects_give_an_installed_object(tmp_path) -> None:
    """`source | transformer` of an installed package is that package's value: setting an
    attribute on it changes only it (README, "Assumed"), as with the starter pack's
    `payments_resource.write_disposition = "replace"`."""
    ingest = (
        '"""Ingest."""\nimport somelib\nr = somelib.thing() | somelib.other\n'
        "r.write_disposition = 'replace'\nq = 2 * somelib.rows\nq.name = 'x'\n"
    )
    files = {"__deployment__.py": "import ingest\n__all__ = ['ingest']\n", "ingest.py": ingest}
    result = analyze_files(tmp_path, files)
    assert result.ok, codes(result)
    assert [job["job_ref"] for job in result.manifest["jobs"]][0] == "jobs.ingest"


def test_an_object_in_all_is_skipped_until_1_29_and_a_type_error_from_1_30(tmp_path) -> None:
    """dlt looks names up with `__dict__.get(entry)` up to 1.29.1 (a hashable object is not
    found: a warning) and with `getattr(module, entry, None)` from 1.30.0 (TypeError)."""
    files = {
        "__deployment__.py": "from jobs import load\n\n__all__ = [load]\n",
        "jobs.py": "from dlt.hub import run\n\n@run.job\ndef load():\n    pass\n",
    }
    old = analyze_files(tmp_path / "old", files, dlt_version="1.29.1")
    assert old.ok and "DM403" in codes(old)
    [missing] = [d for d in old.diagnostics if d.code == "DM403"]
    assert len(missing.message) < 200 and "listed in __all__ but not found in module" in missing.message
    new = analyze_files(tmp_path / "new", files, dlt_version="1.30.0")
    assert not new.ok and "DM411" in codes(new)
    assert any("attribute name must be string" in d.message for d in new.diagnostics)
