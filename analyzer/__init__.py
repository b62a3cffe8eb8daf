"""dlt-manifest: dlt's deployment manifest, produced without running the workspace.

    from dlt_manifest import analyze
    result = analyze("path/to/workspace")
    result.manifest      # dict in dlt's key order, or None when there are errors
    result.diagnostics   # list[Diagnostic], sorted by file and position

The code is layered; each layer is a package that imports only the ones below it:

    cli, report, analysis      the command line, output formats, one analysis
    rules                      the checks, read from the model      (rules/ in the source tree)
    manifest                   the intermediate model, job discovery, emission
    dlt                        dlt's API, registered into the python layer
    python                     an abstract interpreter of Python, knowing nothing of dlt
    source                     files to trees: workspace, reading, screening, parsing
"""

from __future__ import annotations

# the one place the version is written (pyproject.toml reads it from here)
__version__ = "0.1.0"

__all__ = ["__version__", "analyze", "Result", "Diagnostic", "Severity", "Span", "NoDeploymentModule"]

_EXPORTS = {
    "analyze": "dlt_manifest.analysis",
    "Result": "dlt_manifest.analysis",
    "NoDeploymentModule": "dlt_manifest.analysis",
    "Diagnostic": "dlt_manifest.rules.diagnostics",
    "Severity": "dlt_manifest.rules.diagnostics",
    "Span": "dlt_manifest.source.span",
}


def __getattr__(name: str):
    """The public names, imported on first use: importing a layer never loads the others."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'dlt_manifest' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
