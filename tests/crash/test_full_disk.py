"""A full disk during an import or an export: a clear error, the database intact and unchanged,
no half-written export left behind.

Two ways to run out of space: a file-size limit (RLIMIT_FSIZE, as a quota does: every write
past the limit fails with EFBIG) for the database's own writes, and a real 64 KB filesystem
(tmpfs, needs root) for the export's target.
"""
from __future__ import annotations

import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from review import Desk
from tests.helpers import COORD

ROOT = Path(__file__).resolve().parents[2]


def big_batch(folder: Path, posts: int = 2000) -> Path:
    lines = ["id,platform,source_lang,source_text,target_lang,draft_text"]
    lines += [f"B-{n},facebook,zh-CN,{'我们在马斯温戈省打了12口井。' * 4},en,"
              f"{'We drilled 12 water wells in Masvingo province. ' * 4}" for n in range(posts)]
    path = folder / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_cli(db: Path, *args: str, file_size_limit: int | None = None) -> subprocess.CompletedProcess:
    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failing write(), not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120,
                          preexec_fn=limit if file_size_limit else None)


def snapshot(db: Path) -> tuple:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return (conn.execute("SELECT count(*), max(rowid) FROM events").fetchone(),
                conn.execute("SELECT state, count(*) FROM posts GROUP BY state ORDER BY 1").fetchall(),
                conn.execute("SELECT count(*) FROM exports").fetchone())
    finally:
        conn.close()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "desk.sqlite3"
    with Desk(path) as desk:
        desk.load_sample()
    return path


@pytest.mark.parametrize("room, refusal", [
    (64 * 1024, "could not save to"),          # the import's own writes run out of space
    (-64 * 1024, "could not make the backup"),  # the backup before the import does
])
def test_import_on_a_full_disk_is_refused_and_nothing_changes(db, tmp_path, room, refusal):
    before = snapshot(db)
    done = run_cli(db, "import", str(big_batch(tmp_path)), "--as", "Chipo",
                   file_size_limit=db.stat().st_size + room)
    assert done.returncode == 2, done.stderr
    assert refusal in done.stderr and "nothing was changed" in done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert snapshot(db) == before
    assert run_cli(db, "batches").returncode == 0  # and it opens normally afterwards


def test_export_to_a_full_disk_leaves_nothing_behind(db, tmp_path):
    with Desk(db) as desk:
        desk.import_batch(big_batch(tmp_path), batch="big", actor=COORD)
        desk.decide_many([row["id"] for row in desk.posts(batch="big")], COORD, "approve")
    tiny = tmp_path / "usb-stick"
    tiny.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(tiny)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here: {mounted.stderr.strip()}")
    try:
        before = snapshot(db)
        done = run_cli(db, "export", "--batch", "big", "--format", "csv", "--out",
                       str(tiny / "big.csv"), "--as", "Chipo", "--role", "coordinator")
        assert done.returncode == 2, done.stderr
        assert "cannot write" in done.stderr and "nothing was exported" in done.stderr
        assert "Traceback" not in done.stderr
        assert list(tiny.iterdir()) == []  # no half-written file, no temporary file
        assert snapshot(db) == before  # not marked exported, no export recorded
    finally:
        subprocess.run(["umount", str(tiny)], check=True)
