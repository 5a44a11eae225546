"""The full integrity check at open is skipped only for a file checked today and left exactly
as a clean close recorded it; anything else that touched the file brings the check back."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from review import DamagedDatabase, Desk
from review.store import damage_found
from tests.helpers import REVIEWER


@pytest.fixture
def closed(tmp_path):
    """A database with work in it, cleanly closed (so its record exists)."""
    path = tmp_path / "d.sqlite3"
    with Desk(path) as desk:
        desk.load_sample()
        assert not desk.store.check_skipped  # a new file is checked
    return path


def record_of(path):
    return os.path.join(str(path) + "-checked")


def reopened_skips_check(path) -> bool:
    with Desk(path) as desk:
        return desk.store.check_skipped


def test_an_unchanged_file_is_not_read_whole_again(closed):
    assert reopened_skips_check(closed)
    with Desk(closed) as desk:  # work done through the app is recorded at its clean close
        desk.decide(desk.posts()[0]["id"], REVIEWER, "approve")
    assert reopened_skips_check(closed)


def test_noise_written_in_place_is_detected_even_with_the_times_set_back(closed):
    with Desk(closed):
        pass
    stat = closed.stat()
    page = 4096
    with open(closed, "r+b") as handle:  # same inode, same size
        for offset in range(page, stat.st_size - 8, page):
            handle.seek(offset)
            handle.write(b"\x07" * 8)
    os.utime(closed, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # only the change time moved on
    before = closed.read_bytes()
    with pytest.raises(DamagedDatabase):
        Desk(closed)
    assert closed.read_bytes() == before


def test_a_copy_put_in_place_is_checked(closed, tmp_path):
    copy = tmp_path / "copy.sqlite3"
    copy.write_bytes(closed.read_bytes())
    os.replace(copy, closed)  # another inode under the same name
    assert not reopened_skips_check(closed)


def test_the_first_open_of_a_day_checks_the_whole_file(closed):
    record = json.loads(open(record_of(closed)).read())
    record["checked_at"] = "2026-01-01T08:00:00.000Z"
    with open(record_of(closed), "w") as handle:
        json.dump(record, handle)
    assert not reopened_skips_check(closed)
    assert reopened_skips_check(closed)  # and that check counts for the rest of the day


def test_a_killed_program_leaves_the_next_open_to_check(closed):
    """No clean close: the WAL left behind no longer matches the record."""
    script = textwrap.dedent(f"""
        import os
        from review import Desk
        from tests.helpers import REVIEWER
        desk = Desk({str(closed)!r})
        desk.decide(desk.posts()[1]["id"], REVIEWER, "approve")
        os._exit(0)
    """)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    subprocess.run([sys.executable, "-c", script], cwd=root, check=True, timeout=60)
    assert not reopened_skips_check(closed)


@pytest.mark.parametrize("content", ["", "not json", '{"checked_at": 3}', "[]", '{"files": null}'])
def test_a_broken_record_only_means_a_full_check(closed, content):
    with open(record_of(closed), "w") as handle:
        handle.write(content)
    assert not reopened_skips_check(closed)


def test_damage_found_while_reading_is_never_recorded_as_intact(closed):
    desk = Desk(closed)
    damage_found(closed, RuntimeError("database disk image is malformed"))
    desk.close()
    assert not os.path.exists(record_of(closed))
    assert not reopened_skips_check(closed)


HOSTILE_RECORDS = {
    "deep": lambda path: path.write_text("[" * 20_000 + "]" * 20_000),
    "digits": lambda path: path.write_text('{"checked_at": ' + "9" * 5_000 + ', "files": []}'),
    "pipe": os.mkfifo,
    "zero": lambda path: path.symlink_to("/dev/zero"),
    "folder": lambda path: path.mkdir(),
}


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs a POSIX system")
@pytest.mark.parametrize("kind", sorted(HOSTILE_RECORDS))
def test_a_hostile_record_only_means_a_full_check(closed, kind):
    """Put there by anyone who can write the folder: a pipe hung every open, a deep JSON broke
    it (RecursionError); now each is only a record that does not match. In a child process,
    so a hang fails the test instead of the suite."""
    from pathlib import Path

    record = Path(record_of(closed))
    record.unlink()
    HOSTILE_RECORDS[kind](record)
    script = textwrap.dedent(f"""
        from review import Desk
        with Desk({str(closed)!r}) as desk:
            print(desk.store.check_skipped)
    """)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    done = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True,
                          text=True, timeout=60)
    assert (done.returncode, done.stdout.strip()) == (0, "False"), done.stderr


def test_a_second_desk_of_the_window_s_process_never_reads_the_file_itself(tmp_path):
    """Issue 14: the worker thread's Desk (checked=True) read the file's first bytes with open()
    on a desk with no backup and no record yet; closing that read dropped the process's POSIX
    locks, so the next `review-desk` command to close deleted the WAL under the window."""
    path = tmp_path / "desk.sqlite3"
    window = Desk(path, backups=False)
    window.store.conn.execute("SELECT count(*) FROM events").fetchone()
    assert not (tmp_path / "desk.sqlite3-checked").exists() and not (tmp_path / "backups").exists()
    with Desk(path, backups=False, checked=True) as worker:
        worker.batches()
    other_program = (f"import sqlite3; c = sqlite3.connect({str(path)!r}); "
                     "c.execute('SELECT count(*) FROM events'); c.close()")
    subprocess.run([sys.executable, "-c", other_program], check=True)
    assert (tmp_path / "desk.sqlite3-wal").exists()
    window.close()
