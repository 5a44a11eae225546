"""Opening a file a person named, which may be anything: only regular files are read.

A named pipe blocks its reader until someone writes to it (forever), /dev/zero or a link to it
never ends, a folder or a socket cannot be read as a file. `open_regular` looks at what the name
is before opening it, opens it without blocking (a pipe swapped in meanwhile cannot hang the
open), and looks again at what was opened, so the answer holds for the very file that is read.
"""
from __future__ import annotations

import os
import stat
from typing import BinaryIO

from ..texts import said

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # POSIX; Windows has no pipes in the file system


class NotRegularFile(OSError):
    """The name is a pipe, a device, a socket or another thing that is not a regular file."""


class FileTooLarge(OSError):
    """The file is larger than the reader is willing to read; `size` says how large."""

    def __init__(self, size: int):
        super().__init__(f"{size} bytes")
        self.size = size


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """The file opened for reading in binary; IsADirectoryError for a folder, NotRegularFile
    for anything else that is not a regular file, OSError (FileNotFoundError, PermissionError,
    a name too long...) when it cannot be opened."""
    _require_regular(os.stat(path).st_mode)
    fd = os.open(path, os.O_RDONLY | _NONBLOCK | getattr(os, "O_BINARY", 0))
    try:
        _require_regular(os.fstat(fd).st_mode)
        if _NONBLOCK:
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The whole file, or FileTooLarge when it holds more than `limit` bytes (known from its
    size before reading, or found while reading a file that grew since)."""
    with open_regular(path) as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > limit:
            raise FileTooLarge(size)
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(len(data))
    return data


def _require_regular(mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise IsADirectoryError("it is a folder")
    if not stat.S_ISREG(mode):
        raise NotRegularFile("not a regular file")


def cannot_read(error: OSError) -> str:
    """Why a file named by a person could not be read, said for them."""
    if isinstance(error, FileNotFoundError):
        return said("file-missing")
    if isinstance(error, IsADirectoryError):
        return said("file-is-folder")
    if isinstance(error, NotRegularFile):
        return said("not-a-regular-file")
    if isinstance(error, PermissionError):
        return said("permission-denied")
    return said("cannot-open-file", detail=error.strerror or str(error))
