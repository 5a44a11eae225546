"""Review packages between laptops and their conflicts on the command line, run in-process."""
from __future__ import annotations

import json
import re

import pytest

from tests.cli.runner import REAL, post_id, run


def test_packages_between_laptops_from_the_command_line(db, tmp_path):
    work, mine = tmp_path / "zw-work.rdpack", tmp_path / "tendai.rdpack"
    done = run(db, "pack", "work", "--batch", "zw", "--out", str(work), "--for", "Tendai", "--as", "Chipo")
    assert done.returncode == 0 and "posts assigned to Tendai" in done.stdout, done.stderr
    laptop = tmp_path / "tendai.sqlite3"
    done = run(laptop, "pack", "import", str(work))
    assert done.returncode == 0 and "work package from Chipo" in done.stdout
    pid = post_id(db, "ZW-004")
    assert run(laptop, "decide", pid, "approve", "--as", "Tendai").returncode == 0
    assert run(db, "rewrite", pid, "--text", "Boreholes, not wells.", "--as", "Chipo",
               "--role", "coordinator").returncode == 0
    assert run(laptop, "pack", "results", "--batch", "zw", "--out", str(mine), "--as", "Tendai").returncode == 0
    done = run(db, "pack", "import", str(mine), "--json")
    assert done.returncode == 0 and json.loads(done.stdout)["conflicts"] == [pid]

    listed = json.loads(run(db, "conflicts", "--batch", "zw", "--json").stdout)
    assert [c["id"] for c in listed] == [pid]
    versions = {v["by"]: v for v in listed[0]["versions"]}
    assert versions["Tendai"]["state"] == "approved"
    assert versions["Chipo"]["text"] == "Boreholes, not wells."
    assert "keep " in run(db, "conflicts").stdout
    done = run(db, "resolve", pid, "--keep", versions["Tendai"]["event"], "--as", "Tendai", "--role", "reviewer")
    assert done.returncode == 2 and "only a coordinator" in done.stderr
    done = run(db, "resolve", pid, "--keep", versions["Tendai"]["event"][:8], "--as", "Chipo")
    assert done.returncode == 0 and "now approved" in done.stdout
    assert run(db, "conflicts").stdout.strip() == "no posts in conflict"


def test_a_tampered_package_is_refused_on_the_command_line(db, tmp_path):
    import zipfile

    work = tmp_path / "zw.rdpack"
    assert run(db, "pack", "work", "--batch", "zw", "--out", str(work)).returncode == 0
    with zipfile.ZipFile(work) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members["events.jsonl"] = members["events.jsonl"].replace(b"Masvingo", b"Masvinga")
    with zipfile.ZipFile(work, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    laptop = tmp_path / "other.sqlite3"
    done = run(laptop, "pack", "import", str(work))
    assert done.returncode == 2 and "SHA-256 checksum does not match" in done.stderr
    assert "nothing was imported" in done.stderr
    assert run(laptop, "batches").stdout.startswith("no batches yet")
