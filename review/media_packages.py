"""Pictures in work packages: the `media.jsonl` member carries the bytes of every picture the
batch's posts show, so a reviewer's laptop sees what HQ sent.

A package's members are JSON Lines read a line at a time (package_file.py caps a line at 4 MB),
so a picture travels as base64 in parts of PART_BYTES: {"sha256", "part", "parts", "data"}. It
is authenticated like every member (the signed manifest lists the member's SHA-256), and then
checked like a file of a batch: its parts in order, its bytes hashing to its name, at most 20 MB,
a picture whose header passes the same limits before it is decoded (review/media.py); and the
posts may show only pictures the package brings or the laptop already holds.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import Any, Iterator

from .errors import ImportFailed, Problem
from .media import MAX_BYTES, PICTURE_TYPES, BadMedia, MediaFile, media_type, picture_size
from .texts import message_of, said

MEDIA_MEMBER = "media.jsonl"
PART_BYTES = 2 << 20  # 2.7 MB of base64 a line


def media_lines(core, media_lists) -> Iterator[dict[str, Any]]:
    """The lines of `media.jsonl` for posts' `media` lists (each picture once), read one picture
    at a time."""
    seen: set[str] = set()
    for media in media_lists:
        for record in media:
            if record["sha256"] in seen:
                continue
            seen.add(record["sha256"])
            data = core.store.media.data(record["sha256"]) or b""
            parts = max(1, -(-len(data) // PART_BYTES))
            for part in range(parts):
                chunk = data[part * PART_BYTES:(part + 1) * PART_BYTES]
                yield {"sha256": record["sha256"], "part": part, "parts": parts,
                       "data": base64.b64encode(chunk).decode("ascii")}


def store_package_media(core, package, posts: list) -> int:
    """Check and store the pictures of a work package; refuse it if a post shows a picture
    that neither the package nor this laptop holds. Returns how many were new here."""
    wanted = {r["sha256"]: r for post in posts for r in post.media}
    stored = 0
    if MEDIA_MEMBER in package.manifest["members"]:
        for sha256, data, line in _pictures(package):
            record = wanted.get(sha256)
            if record is None:
                continue  # a picture no post of the package shows: not kept
            _check(package.name, line, record, data)
            if sha256 not in core.store.media.known([sha256]):
                core.store.media.add(_media_file(record), data)
                stored += 1
    missing = sorted(set(wanted) - core.store.media.known(list(wanted)))
    if missing:
        names = ", ".join(sorted({wanted[s]["name"] for s in missing}))
        raise _refused(package.name, None, said("package-media-missing", names=names[:300]))
    return stored


def _pictures(package) -> Iterator[tuple[str, bytes, int]]:
    """(sha256, bytes, line of its first part) of each picture of the member, assembled."""
    current: dict[str, Any] | None = None
    for number, line in package.lines(MEDIA_MEMBER):
        part = _part(package.name, number, line)
        if current is None or part["sha256"] != current["sha256"] or part["part"] == 0:
            if current is not None:
                raise _refused(package.name, current["line"], said("package-media-parts"))
            current = {"sha256": part["sha256"], "parts": part["parts"], "line": number,
                       "data": bytearray()}
        if part["part"] != current.get("next", 0) or part["parts"] != current["parts"]:
            raise _refused(package.name, number, said("package-media-parts"))
        current["data"] += part["data"]
        current["next"] = part["part"] + 1
        if len(current["data"]) > MAX_BYTES:
            raise _refused(package.name, number, said("package-media-too-large", limit=MAX_BYTES))
        if current["next"] == current["parts"]:
            yield current["sha256"], bytes(current["data"]), current["line"]
            current = None
    if current is not None:
        raise _refused(package.name, current["line"], said("package-media-parts"))


def _part(file: str, number: int, line: str) -> dict[str, Any]:
    try:
        raw = json.loads(line)
        ok = (isinstance(raw, dict) and set(raw) == {"sha256", "part", "parts", "data"}
              and isinstance(raw["sha256"], str) and len(raw["sha256"]) == 64
              and all(isinstance(raw[k], int) and not isinstance(raw[k], bool)
                      for k in ("part", "parts"))
              and 0 <= raw["part"] < raw["parts"] <= MAX_BYTES // PART_BYTES + 1
              and isinstance(raw["data"], str))
        if ok:
            return dict(raw, data=base64.b64decode(raw["data"], validate=True))
    except (ValueError, binascii.Error):
        pass
    raise _refused(file, number, said("package-media-line"))


def _check(file: str, line: int, record: dict[str, Any], data: bytes) -> None:
    """The bytes are the picture the events name, and pass the checks of a batch's files."""
    if hashlib.sha256(data).hexdigest() != record["sha256"] or len(data) != record["bytes"]:
        raise _refused(file, line, said("package-media-checksum", name=record["name"]))
    if media_type(data[:16]) != record["type"]:
        raise _refused(file, line, said("media-not-a-picture", name=record["name"]))
    if record["type"] in PICTURE_TYPES:
        try:
            size = picture_size(data, record["type"], record["name"])
        except BadMedia as bad:
            raise _refused(file, line, message_of(bad)) from None
        if size != (record["width"], record["height"]):
            raise _refused(file, line, said("package-media-checksum", name=record["name"]))


def _media_file(record: dict[str, Any]) -> MediaFile:
    return MediaFile(record["name"], record["sha256"], record["type"], record["width"],
                     record["height"], record["bytes"])


def _refused(file: str, line: int | None, message) -> ImportFailed:
    return ImportFailed([Problem(file, line, MEDIA_MEMBER, message)])
