"""Writing what a command produced (`-o FILE`): as a shell redirect would, but safely.

- `-` is standard output.
- The file is replaced atomically (a temporary file in the same folder, fsync, rename): a
  reader never sees half a file, and an interrupted run leaves the old file as it was
  and no temporary file behind (the temporary file is removed on every exit path that
  runs Python code: errors, Ctrl-C, SIGTERM).
- A new file gets the mode a redirect gives (0666 under the umask: 0644 usually); a
  replaced file keeps its mode.
- Only a regular file is replaced: a symlink (which a rename would replace rather than
  write through), a device, a FIFO or a folder is refused.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile


class OutputError(Exception):
    """The target cannot be written (a usage error: exit code 2)."""


def write_output(target: str, data: bytes) -> None:
    if target == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    mode = _mode_for(target)
    directory = os.path.dirname(os.path.abspath(target))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=directory)
    except OSError as ex:
        raise OutputError(f"cannot write {target}: {ex.strerror or ex}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            if hasattr(os, "fchmod"):
                os.fchmod(f.fileno(), mode)
            else:  # Windows: by name
                os.chmod(tmp, mode)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException as ex:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(ex, OSError):
            raise OutputError(f"cannot write {target}: {ex.strerror or ex}") from None
        raise


def _mode_for(target: str) -> int:
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return 0o666 & ~_umask()
    except OSError as ex:
        raise OutputError(f"cannot write {target}: {ex.strerror or ex}") from None
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(
            f"{target} is a symbolic link; refusing to replace it (give the file it points to)"
        )
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(f"{target} is not a regular file; refusing to replace it")
    return stat.S_IMODE(info.st_mode)


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it: set it, then put it back
    os.umask(mask)
    return mask
