"""Issue 15: wrong places. A --db in a folder that does not exist is refused and nothing is
made (a mistyped folder made an empty database, "no batches yet"); a new database in an existing
folder is made with one line on stderr; a file that is not a database at all, or another
program's, is "not a Review Desk database" (not "damaged", with advice to restore a backup);
`verify` of a file that is not there says so (not "no manifest there")."""
from __future__ import annotations

import sqlite3

from tests.cli.runner import cli, run


def test_a_database_in_a_missing_folder_is_refused_and_nothing_is_made(tmp_path):
    db = tmp_path / "typo" / "desk.sqlite3"
    done = run(db, "batches")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (f"review-desk: --db {db}: the folder {db.parent} does not exist; "
                           "nothing was created. Check the path, or make the folder first\n")
    assert not (tmp_path / "typo").exists()


def test_the_same_for_review_desk_db(tmp_path, monkeypatch):
    db = tmp_path / "typo" / "desk.sqlite3"
    monkeypatch.setenv("REVIEW_DESK_DB", str(db))
    done = cli("batches")
    assert done.returncode == 2 and "does not exist; nothing was created" in done.stderr
    assert not (tmp_path / "typo").exists()


def test_a_new_database_in_an_existing_folder_says_so_once(tmp_path):
    db = tmp_path / "new.sqlite3"
    done = run(db, "batches")
    assert done.returncode == 0 and done.stdout.startswith("no batches yet")
    assert done.stderr == f"review-desk: note: made a new, empty database at {db}\n"
    again = run(db, "batches")
    assert again.returncode == 0 and again.stderr == ""


def test_a_file_that_is_not_a_database_is_not_called_damaged(tmp_path):
    text = tmp_path / "posts.csv"
    text.write_text("id,platform\nA,x\n", encoding="utf-8")
    done = run(text, "batches")
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert done.stderr == (f"review-desk: {text} is not a Review Desk database (not a SQLite "
                           "database at all); it was not changed. Check the path given with --db\n")
    assert "damaged" not in done.stderr and "backup" not in done.stderr
    assert text.read_text(encoding="utf-8") == "id,platform\nA,x\n"


def test_another_programs_sqlite_file_is_not_taken_over(tmp_path):
    other = tmp_path / "contacts.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    before = other.read_bytes()
    done = run(other, "batches")
    assert done.returncode == 2
    assert "is not a Review Desk database (another program's SQLite database, with the tables " \
           "contacts)" in done.stderr
    assert other.read_bytes() == before


def test_verify_of_a_missing_file_says_so(tmp_path):
    assert run(tmp_path / "desk.sqlite3", "batches").returncode == 0
    for db in (tmp_path / "none.sqlite3", tmp_path / "desk.sqlite3"):  # without, with a database
        done = run(db, "verify", str(tmp_path / "zw.csv"))
        assert (done.returncode, done.stdout) == (2, "")
        assert done.stderr.endswith(f"review-desk: {tmp_path / 'zw.csv'}: no such file; give the "
                                    "path of the exported file to check\n"), done.stderr


def test_the_window_refuses_a_missing_folder_too(tmp_path):
    import os
    import subprocess
    import sys

    from tests.cli.runner import ROOT

    db = tmp_path / "typo" / "desk.sqlite3"
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "gui",
                           "--screenshot", str(tmp_path / "w.png")], capture_output=True, text=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=60,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "does not exist; nothing was created" in done.stderr
    assert not (tmp_path / "typo").exists() and not (tmp_path / "w.png").exists()
