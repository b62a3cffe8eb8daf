"""The dlt releases whose deployment generator dlt-manifest reproduces, as data.

Every release from 1.26.0 (the first with `manifest_from_module`) to 1.31.0 maps to one
of five profiles; a profile is the reference release (1.27.2) plus small named
differences, each a field of `Release` read where dlt's code differs (see
`../notes/releases/SPEC.md` D1-D26 for the measurements). The release travels with the
analysis (the interpreter's per-run context): nothing here is global state.
"""

from __future__ import annotations

import re
from typing import Optional

import attrs

_REQUIRE_BASE = ("dependency_groups", "profile", "provider", "machine", "region", "timezone")


@attrs.frozen
class Release:
    """One profile. `covers` lists the released versions it stands for."""

    version: tuple
    covers: tuple
    engine_version: int = 1
    # `TRequireSpec` keys, in the order validate_dict lists them (D2-D4)
    require_keys: tuple = _REQUIRE_BASE + ("static_egress_ips",)
    # `require.profile` naming dev/tests fails validation (D5)
    local_profile_check: bool = True
    # discovery walks `dir(module)` and uses `getattr` (D6), not `module.__dict__`
    dir_discovery: bool = False
    # pendulum resolves `pytz.FixedOffset` (D15)
    fixed_offset_zones: bool = False

    @property
    def name(self) -> str:
        return ".".join(map(str, self.version))

    @property
    def engine2(self) -> bool:
        """Manifest engine 2 (1.31.0): `engine_version` on every job, `inputs`/`output`,
        `refresh_propagation`/`incremental_mode`, selector expansion, stdlib `once`
        conversion, `+00:00` UTC datetimes, `run.agent`/`run.Entity` (D1, D7-D22)."""
        return self.engine_version >= 2

    @property
    def expose_categories(self) -> tuple:
        base = ("pipeline", "mcp", "dashboard", "notebook")
        return base + ("background_agent",) if self.engine2 else base


R1260 = Release((1, 26, 0), ((1, 26, 0),), require_keys=_REQUIRE_BASE, local_profile_check=False)
R1272 = Release((1, 27, 2), ((1, 27, 2), (1, 28, 0), (1, 28, 1), (1, 28, 2), (1, 29, 0)))
R1291 = Release((1, 29, 1), ((1, 29, 1),), require_keys=R1272.require_keys + ("instance",))
R1300 = Release((1, 30, 0), ((1, 30, 0),), require_keys=R1291.require_keys, dir_discovery=True,
                fixed_offset_zones=True)  # fmt: skip
R1310 = Release(
    (1, 31, 0), ((1, 31, 0),), engine_version=2,
    require_keys=tuple(k for k in R1291.require_keys if k != "machine"),
    dir_discovery=True, fixed_offset_zones=True,
)  # fmt: skip

PROFILES = (R1260, R1272, R1291, R1300, R1310)
# every released version with a deployment generator -> its profile
RELEASED = {version: profile for profile in PROFILES for version in profile.covers}
FIRST = (1, 26, 0)
NEWEST = R1310
# The release assumed when the workspace declares none, or a range: the newest one
# supported (an unpinned `dlt[hub]` installs the newest release; see README "Targets").
DEFAULT = NEWEST


def of(interp) -> Release:
    """The release an interpreter analyzes for: its per-run context's (`target.Target`);
    an interpreter made without one (a unit test of the python layer) gets the reference."""
    target = getattr(interp, "context", None)
    return getattr(target, "release", None) or R1272


def parse_version(text: str) -> Optional[tuple]:
    """'1.31.0' -> (1, 31, 0); None for anything that is not a plain release number."""
    match = re.fullmatch(r"\s*v?(\d+)\.(\d+)(?:\.(\d+))?\s*", text or "")
    if not match:
        return None
    return (int(match.group(1)), int(match.group(2)), int(match.group(3) or 0))


def profile_of(version: tuple) -> Optional[Release]:
    """The profile of a released version, or None when dlt-manifest does not know it."""
    return RELEASED.get(tuple(version))


def unsupported_reason(version: tuple) -> str:
    shown = ".".join(map(str, version))
    if version < FIRST:
        return f"dlt {shown} has no deployment manifest generator (1.26.0 is the first release with one)"
    if version > NEWEST.version:
        return (
            f"dlt {shown} is newer than the newest release dlt-manifest reproduces ({NEWEST.name});"
            " its manifest may differ"
        )
    return f"dlt {shown} is not a release dlt-manifest knows (supported: {supported()})"


def supported() -> str:
    return ", ".join(".".join(map(str, v)) for v in sorted(RELEASED))
