"""Which dlt release and which Python a run targets.

The manifest depends on both: the release decides what the generator writes (see
`releases`), the Python version how docstrings become descriptions and what
`sys.version_info` compares to. Each comes from the command line, else
`[tool.dlt-manifest]`, else the workspace's own declarations:

- dlt: the `dlt` entry of `uv.lock`, else of `pylock.toml`, else an exact pin in
  `requirements.txt`, else in `pyproject.toml`'s `[project] dependencies`;
- Python: `.python-version`, else `requires-python` of `pyproject.toml`, else of `uv.lock`.

Whatever is not an exact pin (a range, a URL or git source, nothing at all) is assumed and
reported as a `Note` (DM430) naming what was found and what is assumed; a release with no
profile is a `Note` that refuses the run (DM909). Only files in the workspace root are read.
"""

from __future__ import annotations

import re
import sys
from typing import Optional

import attrs
from dlt_manifest.dlt import releases
from dlt_manifest.dlt.releases import Release

ASSUMED = "DM430"
UNSUPPORTED = "DM909"
_PYTHONS = [(3, minor) for minor in range(8, 16)]


@attrs.frozen
class Note:
    """A finding about the target: `path`/`line` where it was read (workspace-relative)."""

    code: str
    message: str
    path: str = "__deployment__.py"
    line: int = 1


@attrs.frozen
class Target:
    """The per-run context the dlt layer reads (the python layer passes it on unread)."""

    release: Release
    python: tuple
    notes: tuple = ()
    version: Optional[tuple] = None  # the release declared, when its profile is another's

    @property
    def dlt_version(self) -> str:
        return ".".join(map(str, self.version or self.release.version))

    @property
    def description(self) -> str:
        profile = f" (as {self.release.name})" if self.dlt_version != self.release.name else ""
        return f"dlt {self.dlt_version}{profile}, Python {self.python[0]}.{self.python[1]}"


class TargetError(Exception):
    """A usage error: a `--dlt-version` / `--python-version` dlt-manifest cannot target."""


def release_option(text: str) -> Release:
    """`--dlt-version X.Y.Z` / `dlt-version = "X.Y.Z"`: a released version with a profile."""
    version = releases.parse_version(text)
    if version is None:
        raise TargetError(f"not a dlt release number like 1.31.0: {text!r}")
    profile = releases.profile_of(version)
    if profile is None:
        raise TargetError(releases.unsupported_reason(version))
    return profile


def python_option(text: str) -> tuple:
    match = re.fullmatch(r"\s*3\.(\d+)\s*", text or "")
    if not match:
        raise TargetError(f"not a Python 3 version like 3.11: {text!r}")
    return (3, int(match.group(1)))


def resolve(workspace, dlt_version: Optional[str] = None, python_version: Optional[tuple] = None) -> Target:
    """The target of a run on `workspace` (a `source.workspace.Workspace`): explicit
    values win; else the workspace's declarations."""
    notes: list = []
    version: list = []
    release = release_option(dlt_version) if dlt_version else _workspace_release(workspace, notes, version)
    python = tuple(python_version) if python_version else _workspace_python(workspace, notes)
    declared = releases.parse_version(dlt_version) if dlt_version else (version[0] if version else None)
    return Target(release, python, tuple(notes), declared)


# --- dlt -----------------------------------------------------------------------------------


def _workspace_release(workspace, notes: list, version_found: list) -> Release:
    found = _declared_dlt(workspace)
    default = releases.DEFAULT
    if found is None:
        notes.append(Note(ASSUMED, f"the workspace declares no dlt version (no uv.lock, pylock.toml,"
                          f" requirements.txt or pyproject.toml entry for dlt): assuming dlt {default.name},"
                          " the newest supported release; pin dlt or pass --dlt-version"))
        return default
    kind, value, path, line = found
    if kind == "version":
        version = releases.parse_version(value)
        profile = releases.profile_of(version) if version else None
        if profile is not None:
            version_found.append(version)
            return profile
        reason = releases.unsupported_reason(version) if version else _not_a_release(value)
        notes.append(Note(UNSUPPORTED, f"{path} locks dlt {value}: {reason}", path, line))
        return default
    if kind == "url":
        notes.append(Note(ASSUMED, f"{path} takes dlt from {value}, not from a release: assuming dlt"
                          f" {default.name}; pass --dlt-version", path, line))
        return default
    matching = [v for v in sorted(releases.RELEASED) if _satisfies(v, value)]
    if not matching:
        notes.append(Note(UNSUPPORTED, f"{path} requires dlt {value}, which allows no release"
                          f" dlt-manifest reproduces ({releases.supported()})", path, line))
        return default
    profile = releases.RELEASED[matching[-1]]
    version_found.append(matching[-1])
    shown = ".".join(map(str, matching[-1]))
    notes.append(Note(ASSUMED, f"{path} requires dlt {value}, a range: assuming dlt {shown} (the newest"
                      f" supported release it allows, manifest of dlt {profile.name}); pin dlt or pass"
                      " --dlt-version", path, line))
    return profile


def _declared_dlt(workspace) -> Optional[tuple]:
    """(kind, value, path, line): kind "version" (locked or pinned exactly), "range"
    (a specifier) or "url" (a URL, git or local source)."""
    for path, key in (("uv.lock", "package"), ("pylock.toml", "packages")):
        toml = workspace.toml(path)
        data = toml.data if toml is not None else None
        for entry in (data or {}).get(key) or []:
            if isinstance(entry, dict) and _is_dlt(entry.get("name")):
                line = _line_of(toml.text, r'^\s*name\s*=\s*"dlt"')
                source = entry.get("source")
                if isinstance(source, dict) and not {"registry"} >= set(source):
                    return ("url", _describe_source(source), path, line)
                if any(k in entry for k in ("vcs", "directory", "archive")):
                    return ("url", "a VCS, directory or archive source", path, line)
                if isinstance(entry.get("version"), str):
                    return ("version", entry["version"], path, line)
    text = workspace.text_file("requirements.txt")
    if text is not None:
        for number, raw in enumerate(text.splitlines(), 1):
            found = _requirement(raw.split(" #", 1)[0])
            if found is not None:
                return found + ("requirements.txt", number)
    toml = workspace.toml("pyproject.toml")
    project = (toml.data or {}).get("project") if toml is not None else None
    dependencies = project.get("dependencies") if isinstance(project, dict) else None
    for dependency in dependencies if isinstance(dependencies, list) else []:
        found = _requirement(dependency) if isinstance(dependency, str) else None
        if found is not None:
            line = _line_of(toml.text, r'^\s*"dlt\b|^\s*\[?\s*"dlt\b|"dlt[\[=<>~! ;@"]')
            return found + ("pyproject.toml", line)
    return None


def _is_dlt(name) -> bool:
    return isinstance(name, str) and re.sub(r"[-_.]+", "-", name).lower() == "dlt"


def _describe_source(source: dict) -> str:
    kind = next(iter(source))
    return f"{kind} {source[kind]}" if isinstance(source[kind], str) else kind


_REQUIREMENT = re.compile(r"^\s*(-e\s+)?([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$")


def _requirement(line: str) -> Optional[tuple]:
    """A PEP 508 requirement of dlt: ("version", "1.26.0"), ("range", ">=1.26"), ("url", ...)."""
    line = line.strip()
    if "egg=dlt" in line.replace(" ", "") and re.search(r"egg=dlt(\W|$)", line):
        return ("url", line.split("#", 1)[0].replace("-e ", "").strip())
    match = _REQUIREMENT.match(line)
    if not match or match.group(1) or not _is_dlt(match.group(2)):
        return None
    rest = match.group(4).split(";", 1)[0].split(" --", 1)[0].rstrip("\\ ").strip()  # pip-compile's hashes
    if rest.startswith("@"):
        return ("url", rest[1:].strip())
    rest = rest.strip("()").replace(" ", "")
    exact = re.fullmatch(r"===?(\d+\.\d+(?:\.\d+)?)", rest)
    if exact:
        return ("version", exact.group(1))
    return ("range", rest or "(any version)")


def _satisfies(version: tuple, specifiers: str) -> bool:
    """PEP 440 specifiers over plain release numbers (`>=1.26,<1.30`, `~=1.29.0`, `==1.28.*`)."""
    if specifiers == "(any version)":
        return True
    for spec in specifiers.split(","):
        match = re.fullmatch(r"(~=|==|!=|<=|>=|<|>|===)(\d+(?:\.\d+)*)(\.\*)?", spec)
        if not match:
            return False
        op, number, wildcard = match.groups()
        bound = tuple(int(p) for p in number.split("."))
        padded = (bound + (0, 0, 0))[:3]
        if wildcard or op == "~=":
            prefix = bound if wildcard else bound[:-1]
            inside = version[: len(prefix)] == prefix
            if op == "~=":
                if not (inside and version >= padded):
                    return False
            elif (op == "==") != inside:
                return False
            continue
        ok = {"==": version == padded, "===": version == padded, "!=": version != padded,
              "<=": version <= padded, ">=": version >= padded, "<": version < padded,
              ">": version > padded}[op]  # fmt: skip
        if not ok:
            return False
    return True


def _line_of(text: str, pattern: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if re.search(pattern, line):
            return number
    return 1


# --- Python ---------------------------------------------------------------------------------


def _workspace_python(workspace, notes: list) -> tuple:
    running = sys.version_info[:2]
    text = workspace.text_file(".python-version")
    if text is not None:
        for number, line in enumerate(text.splitlines(), 1):
            match = re.search(r"(\d+)\.(\d+)", line)
            if match and not line.lstrip().startswith("#"):
                return (int(match.group(1)), int(match.group(2)))
    for path, table in (("pyproject.toml", "project"), ("uv.lock", None)):
        toml = workspace.toml(path)
        data = (toml.data or {}) if toml is not None else {}
        section = data.get(table) if table else data
        spec = section.get("requires-python") if isinstance(section, dict) else None
        if not isinstance(spec, str):
            continue
        line = _line_of(toml.text, r"^\s*requires-python\s*=")
        allowed = [p for p in _PYTHONS if _satisfies(p + (99,), spec.replace(" ", ""))]
        if len(allowed) == 1:
            return allowed[0]
        if allowed:
            chosen = allowed[0]
            notes.append(Note(ASSUMED, f"{path} requires Python {spec}, a range: assuming Python"
                              f" {chosen[0]}.{chosen[1]} (the oldest it allows); add a .python-version or pass"
                              " --python-version", path, line))
            return chosen
    notes.append(Note(ASSUMED, f"the workspace declares no Python version (.python-version, requires-python):"
                      f" assuming Python {running[0]}.{running[1]}, the one running dlt-manifest; pass"
                      " --python-version"))
    return running


def _not_a_release(value: str) -> str:
    if re.fullmatch(r"\s*v?\d+(\.\d+)*[.-]?(a|b|rc|c|alpha|beta|pre|preview|dev|post)\.?\d*.*", value, re.I):
        return (f"{value!r} is a pre-, post- or development release, whose generator dlt-manifest does"
                f" not reproduce ({releases.supported()}); pass --dlt-version to choose one")
    return f"{value!r} is not a release number"
