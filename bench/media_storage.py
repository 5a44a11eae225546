"""Pictures in the database or beside it: time to store and read N pictures of SIZE bytes
each (random bytes: JPEGs do not compress), the way each would be done. On demand:

    .venv/bin/python bench/media_storage.py [N] [SIZE]

In the database: one transaction inside the import's, through the store (WAL, synchronous=FULL).
Beside it: each file written to a temporary name, fsynced and renamed (as exports are), then
the folder fsynced. Reading: every picture once, by hash.
"""
from __future__ import annotations

import hashlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from review.media import MediaFile  # noqa: E402
from review.store import Store  # noqa: E402


def pictures(n: int, size: int) -> list[tuple[MediaFile, bytes]]:
    out = []
    for _ in range(n):
        data = os.urandom(size)
        out.append((MediaFile("x.jpg", hashlib.sha256(data).hexdigest(), "jpeg", 1600, 900,
                              size), data))
    return out


def in_database(folder: Path, items) -> tuple[float, float]:
    store = Store(folder / "desk.sqlite3", backups=False)
    started = time.perf_counter()
    with store.write():
        for record, data in items:
            store.media.add(record, data)
    stored = time.perf_counter() - started
    started = time.perf_counter()
    for record, _ in items:
        assert store.media.data(record.sha256)
    read = time.perf_counter() - started
    store.close()
    return stored, read


def beside(folder: Path, items) -> tuple[float, float]:
    media = folder / "desk-media"
    media.mkdir()
    started = time.perf_counter()
    for record, data in items:
        temp = media / f".{record.sha256}.part"
        with open(temp, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, media / record.sha256)
    fd = os.open(media, os.O_RDONLY)
    os.fsync(fd)
    os.close(fd)
    stored = time.perf_counter() - started
    started = time.perf_counter()
    for record, _ in items:
        assert (media / record.sha256).read_bytes()
    read = time.perf_counter() - started
    return stored, read


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    results = {"database": [], "beside": []}
    for _ in range(3):
        items = pictures(n, size)
        for name, how in (("database", in_database), ("beside", beside)):
            with tempfile.TemporaryDirectory(dir=ROOT) as folder:
                results[name].append(how(Path(folder), items))
    for name, runs in results.items():
        store = statistics.median(r[0] for r in runs)
        read = statistics.median(r[1] for r in runs)
        print(f"{name}: store {n} x {size:,} bytes {store:.2f} s, read them {read:.3f} s "
              f"(median of 3)")


if __name__ == "__main__":
    main()
