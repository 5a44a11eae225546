"""Writes the hostile pictures of media/ (run from the repository: python
tests/data/hostile/make_media_files.py). Every file is small; the bombs only claim to be big."""
from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent / "media"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header says width x height (1 bit per pixel) and whose data is a few
    hundred bytes of zlib that would inflate to the whole picture: a decompression bomb."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * min(1_000_000, (width // 8 + 1) * 64), 9)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", rows) + _chunk(b"IEND", b"")


def gif_claiming(width: int, height: int) -> bytes:
    return b"GIF89a" + struct.pack("<HH", width, height) + b"\x00\x00\x00" + b"," + \
        struct.pack("<HHHH", 0, 0, width, height) + b"\x00\x02\x02\x44\x01\x00;"


def picture(kind: str, size=(64, 36)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(out, kind)
    return out.getvalue()


def main() -> None:
    HERE.mkdir(exist_ok=True)
    files = {
        "rig.jpg": picture("JPEG", (160, 90)),
        "rig.png": picture("PNG", (90, 160)),
        "bomb.png": png_claiming(30_000, 30_000),  # 900 megapixels
        "too_wide.png": png_claiming(12_000, 100),
        "bomb.gif": gif_claiming(65_535, 65_535),
        "script.png": b"#!/bin/sh\necho 'I am not a picture'\n",
        "truncated.jpg": picture("JPEG", (640, 480))[:400],
        "empty.png": b"",
    }
    for name, data in files.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
