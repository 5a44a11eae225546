"""Kill a review session with SIGKILL at random moments; nothing it acknowledged may be lost.

The driver (driver.py) acts through the real Desk and acknowledges each action after its COMMIT
returned. After every kill the database must pass `PRAGMA integrity_check`, hold every
acknowledged event, import and export, agree with its own event log, and open normally; every
export it recorded has its file in place (opening finishes a rename the kill interrupted).
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from review import Actor, Desk
from tests.helpers import COORD

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("driver.py")
# CI's run; a longer one on demand (README, "Where data lives"):
# REVIEW_DESK_CRASH_KILLS=150 REVIEW_DESK_CRASH_MAX_GAP=6 bash scripts/test.sh tests/crash/test_sigkill.py -s
KILLS = int(os.environ.get("REVIEW_DESK_CRASH_KILLS", "60"))
MAX_GAP = float(os.environ.get("REVIEW_DESK_CRASH_MAX_GAP", "0.6"))  # seconds of work before a kill
SEED = 20261123


def run_until_killed(db: Path, seed: int, workdir: Path, rng: random.Random) -> list[dict]:
    # A killed child cannot remove its temporary files (an XLSX export's parts): they go to
    # the test's own folder, which goes with the test.
    temporary = workdir.parent / "tmp"
    temporary.mkdir(exist_ok=True)
    child = subprocess.Popen([sys.executable, str(DRIVER), str(db), str(seed), str(workdir)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             stdin=subprocess.DEVNULL, text=True, encoding="utf-8",
                             env=dict(os.environ, TMPDIR=str(temporary)))
    ready = child.stdout.readline()
    assert '"ready"' in ready, ready + child.stderr.read()
    # The kill comes a random moment after the first acknowledged action, so that it lands in
    # the middle of real work however slow the machine is (a kill timed from the start alone
    # landed before any work on a loaded machine).
    first = child.stdout.readline()
    time.sleep(rng.uniform(0.02, MAX_GAP))
    child.send_signal(signal.SIGKILL)
    out, err = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, err
    # A line cut short by the kill was never a whole acknowledgement.
    return [json.loads(line) for line in (first + out).splitlines(keepends=True) if line.endswith("\n")]


def package_event_ids(package: Path) -> set[str]:
    with zipfile.ZipFile(package) as archive:
        lines = archive.read("events.jsonl").decode("utf-8").splitlines()
    return {json.loads(line)["id"] for line in lines if line.strip()}


def results_packages(db: Path, workdir: Path) -> None:
    """A batch sent to two reviewers' laptops, each returning a results package of decisions
    (the session merges them while it is being killed)."""
    batch = workdir / "pk.csv"
    batch.write_text("id,platform,source_lang,source_text,target_lang,draft_text\n" + "".join(
        f"PK-{n},facebook,zh-CN,第{n}口井,en,Borehole {n}\n" for n in range(30)), encoding="utf-8")
    (workdir / "sent").mkdir()
    with Desk(db) as desk:
        desk.import_batch(batch, batch="pk", actor=COORD)
        desk.make_work_package("pk", workdir / "sent" / "work.rdpack", COORD)
    for n, reviewer in enumerate((Actor("Rudo", "reviewer"), Actor("Farai", "reviewer"))):
        with Desk(workdir / f"laptop{n}.sqlite3", backups=False) as laptop:
            laptop.import_package(workdir / "sent" / "work.rdpack")
            for row in laptop.posts(batch="pk")[n * 10:(n + 1) * 10 + 5]:  # 5 posts decided by both
                laptop.decide(row["id"], reviewer, "approve" if n == 0 else "reject",
                              None if n == 0 else "wrong figure")
            laptop.make_results_package("pk", workdir / f"results{n}.rdpack", reviewer)


def check_database(db: Path, acked: list[dict]) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        events = {row[0] for row in conn.execute("SELECT id FROM events")}
        batches = {row[0]: row[1] for row in conn.execute(
            "SELECT batch, count(*) FROM posts GROUP BY batch")}
        exports = {row[0]: row[1] for row in conn.execute("SELECT id, sha256 FROM exports")}
    finally:
        conn.close()
    for done in acked:
        if done["kind"] == "import":
            assert batches.get(done["batch"], 0) >= done["posts"], done
        elif done["kind"] == "package":
            assert package_event_ids(Path(done["path"])) <= events, done
        elif done["kind"] == "export":
            assert exports.get(done["export_id"]) == done["sha256"], done
            assert hashlib.sha256(Path(done["path"]).read_bytes()).hexdigest() == done["sha256"]
        else:
            assert done["head"] in events, done
    with Desk(db, backups=False) as desk:  # opening finishes exports recorded but not renamed
        assert desk.posts_out_of_step() == []
        for record in desk.store.exports.list():
            assert hashlib.sha256(Path(record["file_name"]).read_bytes()).hexdigest() == \
                record["sha256"], record


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_acknowledged(tmp_path):
    rng = random.Random(SEED)
    db, workdir = tmp_path / "crash.sqlite3", tmp_path / "files"
    workdir.mkdir()
    results_packages(db, workdir)
    acked: list[dict] = []
    kills_mid_work = 0
    for kill in range(KILLS):
        done = [a for a in run_until_killed(db, SEED + kill, workdir, rng) if a["kind"] != "ready"]
        kills_mid_work += bool(done)
        acked += done
        check_database(db, acked)
    kinds = {a["kind"] for a in acked}
    assert {"import", "export", "approve", "rewrite", "annotate", "undo", "package"} <= kinds
    # Every kill came after acknowledged work (see run_until_killed), in the middle of more.
    assert kills_mid_work == KILLS, (kills_mid_work, len(acked))
    opened = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "batches"],
                            capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert opened.returncode == 0, opened.stderr
    with Desk(db, backups=False) as desk:
        events = desk.store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    print(f"{KILLS} kills, {len(acked)} acknowledged actions, {events} events, all present")  # -s
