"""The one rule for reading a file (DESIGN.md, "Inside the root"): the path, symlinks
resolved, is inside the root; it is a regular file (a FIFO would block, `/dev/zero`
never ends, a device may do anything); it is at most `limit` bytes. The file is judged
with `stat` before it is opened (nothing outside the root or special is ever opened),
then opened without blocking or following a symlink swapped in since, and judged again
on the open descriptor. Any refusal is a `Refused` with a message for a diagnostic.

`root=None` is for the one documented exception, the upward search for the
configuration's `pyproject.toml`: regular files only, under the limit, wherever they are.
"""

from __future__ import annotations

import os
import stat
from typing import Optional

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)


class Refused(Exception):
    """The file is not read; the message says why."""


class Outside(Refused):
    """The file resolves outside the root."""


def within(root: str, real: str) -> bool:
    """Whether the resolved path `real` is the resolved `root` or below it (both are
    absolute and normalized, so this is `os.path.commonpath([root, real]) == root`)."""
    return real == root or real.startswith(root if root.endswith(os.sep) else root + os.sep)


def read_regular(path: str, limit: int, root: Optional[str] = None, real: Optional[str] = None) -> bytes:
    """The bytes of the regular file at `path` (at most `limit`), or `Refused`; `real` is
    `os.path.realpath(path)` when the caller has it."""
    real = real if real is not None else os.path.realpath(path)
    if root is not None and not within(root, real):
        raise Outside(f"resolves to {real}, outside the workspace; not read")
    try:
        before = os.stat(real)
    except (OSError, ValueError) as ex:
        raise Refused(f"cannot read: {getattr(ex, 'strerror', None) or ex}") from None
    _judge(before, limit)
    try:
        fd = os.open(real, _FLAGS)
    except OSError as ex:
        raise Refused(f"cannot read: {ex.strerror or ex}") from None
    try:
        after = os.fstat(fd)
        if (after.st_dev, after.st_ino) != (before.st_dev, before.st_ino):
            raise Refused("changed while it was read; not read")
        _judge(after, limit)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as ex:
        raise Refused(f"cannot read: {ex.strerror or ex}") from None
    finally:
        os.close(fd)
    if size > limit:
        raise Refused(f"larger than {_size(limit)}; not read")
    return b"".join(chunks)


def is_regular(path: str) -> bool:
    """Whether `path` (symlinks followed) is a regular file, without opening it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _judge(info: os.stat_result, limit: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise Refused("not a regular file; not read")
    if info.st_size > limit:
        raise Refused(f"larger than {_size(limit)}; not read")


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MiB" if limit % (1024 * 1024) == 0 else f"{limit // 1024} KiB"
