"""Copies of a database with damage in them: refused at open (never written to) with a backup
offered, or, where `quick_check` cannot see the damage (a changed byte inside a stored text:
SQLite keeps no checksums of values), a clear message when the value is read; never a traceback."""
from __future__ import annotations

import hashlib
import io
import os
import random
import shutil
import sqlite3
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from review import Desk, cli
from review.backups import newest_intact_backup
from review.errors import DamagedDatabase
from review.termbases import import_starter_glossaries
from tests.helpers import COORD, REVIEWER

COPIES = 100


@pytest.fixture(scope="module")
def original(tmp_path_factory) -> Path:
    """A database in use: the sample, glossaries, decisions, rewrites; one backup beside it."""
    path = tmp_path_factory.mktemp("original") / "desk.sqlite3"
    with Desk(path) as desk:
        desk.load_sample()
        import_starter_glossaries(desk)
        for row in desk.posts()[:20]:
            desk.rewrite(row["id"], REVIEWER, row["draft_text"] + " (checked)")
            desk.decide(row["id"], REVIEWER, "approve", despite_findings=True)
        desk.store.backups.take("manual")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the one file we damage
    conn.close()
    return path


def damaged_copy(original: Path, folder: Path, damage) -> Path:
    folder.mkdir()
    copy = folder / original.name
    shutil.copyfile(original, copy)
    os.symlink(original.parent / "backups", folder / "backups")
    with open(copy, "r+b") as handle:
        damage(handle, copy.stat().st_size)
    return copy


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_damaged_page_is_detected_at_open_in_every_copy(original, tmp_path):
    """A torn write or a bad sector: one page in use full of noise (noise in a page on the
    free list harms nothing, and is rightly not called damage)."""
    rng = random.Random(11)
    page_size = int.from_bytes(original.read_bytes()[16:18], "big")
    conn = sqlite3.connect(original)
    in_use = sorted({row[0] for row in conn.execute("SELECT pageno FROM dbstat")})
    conn.close()

    def noise_page(handle, size):
        handle.seek((rng.choice(in_use) - 1) * page_size)
        handle.write(rng.randbytes(page_size))

    for n in range(COPIES):
        copy = damaged_copy(original, tmp_path / str(n), noise_page)
        before = digest(copy)
        with pytest.raises(DamagedDatabase, match="is damaged|cannot open"):
            Desk(copy)
        assert digest(copy) == before  # never written to
        assert newest_intact_backup(copy) is not None  # what the window offers


def run_cli(*args: str) -> tuple[int, str]:
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        code = cli.main(list(args))
    return code, err.getvalue()


def test_changed_bytes_are_refused_or_reported_when_read_never_a_traceback(original, tmp_path):
    rng = random.Random(12)

    def flip_bytes(handle, size):
        offset = rng.randrange(100, size - 16)
        handle.seek(offset)
        data = bytearray(handle.read(rng.randint(1, 16)))
        for i in range(len(data)):
            data[i] ^= rng.randrange(1, 256)
        handle.seek(offset)
        handle.write(data)

    outcomes = {"refused at open": 0, "reported when read": 0,
                "not noticed, only unused bytes changed": 0, "not noticed, a stored value changed": 0}
    before = stored_values(original)
    for n in range(COPIES):
        copy = damaged_copy(original, tmp_path / str(n), flip_bytes)
        codes = [run_cli("--db", str(copy), command) for command in ("batches", "posts")]
        assert all(code in (0, 2) for code, _ in codes), codes  # 1 would be "internal error"
        refused = [message for code, message in codes if code == 2]
        assert all("is damaged" in message or "cannot open" in message for message in refused)
        kind = "refused at open" if codes[0][0] == 2 and codes[1][0] == 2 else \
            "reported when read" if refused else \
            "not noticed, only unused bytes changed" if stored_values(copy) == before else \
            "not noticed, a stored value changed"
        outcomes[kind] += 1
    print(outcomes)  # measured: see README, "Where data lives"
    assert sum(outcomes.values()) == COPIES


def stored_values(path: Path) -> dict[str, object]:
    """Every row of every table (search indexes' own tables included) as raw bytes, or the
    error reading it gives: equal for two files only if no query can tell them apart."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
    conn.text_factory = bytes
    try:
        names = [row[0].decode() for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    except sqlite3.DatabaseError as err:
        return {"": str(err)}
    found: dict[str, object] = {}
    for name in names:
        try:
            found[name] = conn.execute(f'SELECT * FROM "{name}"').fetchall()
        except sqlite3.DatabaseError as err:
            found[name] = str(err)
    conn.close()
    return found

