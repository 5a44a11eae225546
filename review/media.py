"""Pictures (and videos) that travel with posts: the files a batch's `media` column names,
checked before anything is imported.

Every file is hostile. A name must stay inside the batch file's folder (rows.py refuses
absolute names and `..`; here the real path, links followed, must still be inside it); the
file must be a regular file of at most 20 MB; its type comes from its first bytes, never its
name; a picture's header must claim at most 10,000 pixels a side and 40 megapixels, read by
Pillow without decoding (a decompression bomb is refused before it costs anything); then it is
decoded whole, so a truncated or damaged picture is refused too. An MP4 is kept with its size
(no decoder here: the window may show its first frame where Qt can).
"""
from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ImportFailed, InvalidInput, Problem, ReviewError
from .formats.regular import FileTooLarge, cannot_read, read_regular
from .texts import message_of, said

MAX_BYTES = 20 * 1024 * 1024
MAX_SIDE = 10_000
MAX_PIXELS = 40_000_000
PICTURE_TYPES = ("png", "jpeg", "webp", "gif")
MEDIA_TYPES = PICTURE_TYPES + ("mp4",)
MIME_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp", "gif": "image/gif",
              "mp4": "video/mp4"}
_MP4_BRANDS = (b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ",
               b"dash")
_PILLOW_FORMATS = {"PNG": "png", "JPEG": "jpeg", "WEBP": "webp", "GIF": "gif"}


class BadMedia(ValueError):
    """One file is not acceptable; the message (a named message) says why."""


@dataclass(frozen=True)
class MediaFile:
    """A checked file: what a post's event records of it (its bytes are stored once, by hash)."""

    name: str  # as the batch named it, relative to the batch file's folder
    sha256: str
    type: str  # one of MEDIA_TYPES, from the content
    width: int | None  # None for a video
    height: int | None
    bytes: int

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "sha256": self.sha256, "type": self.type,
                "width": self.width, "height": self.height, "bytes": self.bytes}


def media_type(head: bytes) -> str | None:
    """The type the first bytes say, or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[4:8] == b"ftyp" and head[8:12] in _MP4_BRANDS:  # not HEIC, AVIF, QuickTime
        return "mp4"
    return None


def inspect(folder: Path, name: str) -> tuple[MediaFile, bytes]:
    """The file `name` of `folder`, checked, and its bytes; BadMedia says what is wrong."""
    data = read_inside(folder, name)
    kind = media_type(data[:16])
    if kind is None:
        raise BadMedia(said("media-not-a-picture", name=name))
    width = height = None
    if kind in PICTURE_TYPES:
        width, height = picture_size(data, kind, name)
    return MediaFile(name, hashlib.sha256(data).hexdigest(), kind, width, height, len(data)), data


def read_inside(folder: Path, name: str) -> bytes:
    """The bytes of `name`, which must be a regular file inside `folder` once every link is
    followed, of at most MAX_BYTES."""
    root = os.path.realpath(folder)
    path = os.path.realpath(os.path.join(root, name))
    if os.path.commonpath([root, path]) != root:
        raise BadMedia(said("media-outside", name=name))
    try:
        return read_regular(path, MAX_BYTES)
    except FileTooLarge as too_large:
        raise BadMedia(said("media-too-large", name=name, size=too_large.size,
                            limit=MAX_BYTES)) from None
    except OSError as error:
        raise BadMedia(said("media-unreadable", name=name, reason=cannot_read(error))) from None


def picture_size(data: bytes, kind: str, name: str) -> tuple[int, int]:
    """Width and height from the header, refused past the limits before any decoding; then
    the picture decoded whole (every frame's first one: a GIF's or WebP's frames share them)."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow's own bomb guard, at our limit, as a second wall
    too_many = said("media-too-many-pixels-header", name=name, side=MAX_SIDE,
                    megapixels=MAX_PIXELS // 10**6)
    try:
        with warnings.catch_warnings():  # past MAX_PIXELS Pillow warns; refused below anyway
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            picture = Image.open(io.BytesIO(data), formats=[k for k, v in _PILLOW_FORMATS.items()
                                                            if v == kind])
        with picture:
            width, height = picture.size  # from the header: nothing decoded yet
            if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
                raise BadMedia(said("media-too-many-pixels", name=name, width=width,
                                    height=height, side=MAX_SIDE, megapixels=MAX_PIXELS // 10**6))
            picture.load()
    except BadMedia:
        raise
    except Image.DecompressionBombError:  # the header claims twice the limit or more
        raise BadMedia(too_many) from None
    except (UnidentifiedImageError, OSError, ValueError,
            SyntaxError, EOFError) as error:
        raise BadMedia(said("media-undecodable", name=name, type=kind,
                            detail=str(error)[:200])) from None
    return width, height


def attach_media(drafts: list, batch_file: Path,
                 file_name: str) -> tuple[list, list[tuple[MediaFile, Path]]]:
    """The drafts with `media` as the checked files' records (dicts, as events keep them), and
    each distinct file once (to store by hash), or ImportFailed naming every bad file as
    `FILE:LINE: media: ...`. Only each file's record is kept, never its bytes: a batch of many
    pictures is read one file at a time (the bytes are read again when stored)."""
    from dataclasses import replace

    folder = batch_file.resolve().parent
    problems: list[Problem] = []
    seen: dict[str, MediaFile] = {}
    distinct: dict[str, tuple[MediaFile, Path]] = {}
    out = []
    for draft in drafts:
        records = []
        for name in draft.media:
            try:
                if name not in seen:
                    seen[name] = inspect(folder, name)[0]
                record = seen[name]
            except BadMedia as bad:
                problems.append(Problem(file_name, draft.line, "media", message_of(bad)))
                continue
            distinct.setdefault(record.sha256, (record, folder))
            records.append(record.to_json())
        out.append(replace(draft, media=records))
    if problems:
        raise ImportFailed(problems)
    return out, list(distinct.values())


def stored_bytes(record: MediaFile, folder: Path) -> bytes:
    """The bytes of a file checked by `attach_media`, read again to be stored: refused if the
    file changed since it was checked."""
    data = read_inside(folder, record.name)
    if hashlib.sha256(data).hexdigest() != record.sha256:
        raise BadMedia(said("media-changed", name=record.name))
    return data


def write_media(core, post_id: str, out: Path) -> list[Path]:
    """Write the post's files into the folder `out` (made if missing), each under the name the
    batch gave it; returns the paths written. The names were checked at import (relative, no
    `..`): they cannot leave `out`."""
    from .formats.atomic import write_atomically

    from .formats.rows import MAX_MEDIA_NAME, is_media_name

    post = core.post(post_id)
    if out.exists() and not out.is_dir():
        raise InvalidInput(said("media-out-not-folder", path=out))
    written = []
    for record in post.media:
        if not is_media_name(record["name"]):  # checked on arrival too: never written outside
            raise ReviewError(said("media-bad-name", name=record["name"][:MAX_MEDIA_NAME],
                                   limit=MAX_MEDIA_NAME))
        data = core.store.media.data(record["sha256"])
        if data is None:  # a package that lacked it, or damage: say so rather than skip it
            raise ReviewError(said("media-missing-bytes", name=record["name"], id=post.id))
        target = out / record["name"]
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, lambda stream, data=data: stream.write(data))
        except OSError as error:
            raise ReviewError(said("cannot-write-media", path=target,
                                   detail=error.strerror or str(error))) from None
        written.append(target)
    return written
