"""Two programs writing the same database at once: no traceback, no lost write, and a clear
message when one has to give up waiting."""
from __future__ import annotations

import json
import random
import subprocess
import sys

from tests.crash.test_sigkill import DRIVER, check_database

ACTIONS = 300


def test_two_sessions_writing_at_once_lose_nothing(tmp_path):
    db, workdir = tmp_path / "shared.sqlite3", tmp_path / "files"
    workdir.mkdir()
    children = [subprocess.Popen([sys.executable, str(DRIVER), str(db), str(seed), str(workdir),
                                  str(ACTIONS)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 stdin=subprocess.DEVNULL, text=True, encoding="utf-8")
                for seed in (1, 2)]
    results = [child.communicate(timeout=300) for child in children]
    done = []
    for child, (out, err) in zip(children, results):
        assert child.returncode == 0, err
        assert "Traceback" not in err, err
        acked = [json.loads(line) for line in out.splitlines()]
        busy = [a for a in acked if a["kind"] == "busy"]
        assert all("is busy" in a["message"] and "nothing was changed" in a["message"] for a in busy)
        mine = [a for a in acked if a["kind"] not in ("ready", "busy")]
        assert len(mine) > ACTIONS // 4  # each session got real work done (the rest was refused)
        done += mine
    check_database(db, done)
