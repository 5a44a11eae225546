"""Writing a file so that it is either whole or not there: every export goes through this."""
from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from ..errors import InvalidInput
from ..texts import said

# What write_atomically adds to a name for its temporary file: ".NAME.XXXXXXXX.part".
TEMPORARY_NAME_EXTRA = 15


def write_atomically(path: str | os.PathLike[str], write: Callable[[IO[bytes]], None],
                     private: bool = False) -> None:
    """Call `write(stream)` on a temporary file in the target's folder, flush it to disk, then
    rename it onto `path`: on any error the temporary file is removed and `path` is left as it
    was, so no half-written file is ever left behind (a full disk, a crash, a bad row).
    `private`: readable by its user only, from the first byte (a password file)."""
    target = Path(path)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        if not private:
            os.chmod(temp, 0o644)  # mkstemp makes it private; an export is an ordinary file
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    sync_folder(target.parent)


def sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows cannot open a folder, nor needs to."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def check_output(path: str | os.PathLike[str], extra: int = TEMPORARY_NAME_EXTRA) -> Path:
    """Refuse, before anything is made or written, an output that cannot be written: a folder,
    a file in a folder that does not exist (or is a file), or a name longer than the drive
    allows once `extra` bytes are added for the temporary names written beside it. Raises
    InvalidInput with a named message; what only writing can tell (a read-only drive, a full
    disk) is said by the writer."""
    target = Path(path)
    folder = target.parent
    try:
        if target.is_dir():
            raise InvalidInput(said("output-is-folder", path=target))
        if not folder.is_dir():
            raise InvalidInput(said("output-folder-missing", path=target, folder=folder))
    except OSError as error:
        if error.errno != errno.ENAMETOOLONG:  # a loop of links, a drive gone...
            raise InvalidInput(said("output-unusable", path=_short(target),
                                    detail=error.strerror or str(error))) from None
    limit = _name_limit(folder)
    length = len(os.fsencode(target.name))
    if length + extra > limit:
        raise InvalidInput(said("output-name-too-long", path=_short(target), length=length,
                                usable=limit - extra))
    return target


def _name_limit(folder: Path) -> int:
    """The longest file name the folder's drive takes, in bytes (255 where it cannot say)."""
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (AttributeError, OSError, ValueError):  # Windows has no pathconf
        return 255


def _short(path: Path) -> str:
    """A path a message can show: a name of 300 characters is cut in the middle."""
    text = str(path)
    return text if len(text) <= 120 else text[:60] + "…" + text[-40:]
