"""The command line, run as a person or a script runs it: a subprocess, exit codes, stderr."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "sample" / "zimbabwe-boreholes.csv"


def run(db: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
                          capture_output=True, text=True, env={**os.environ, **(env or {})},
                          stdin=subprocess.DEVNULL, timeout=60)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.sqlite3"
    done = run(path, "import", str(SAMPLE), "--batch", "zw", "--timezone", "Africa/Harare",
               "--require-signoff", "--as", "Chipo")
    assert done.returncode == 0, done.stderr
    assert re.match(r"imported zimbabwe-boreholes.csv -> batch zw: \d+ new", done.stdout)
    return path


def post_id(db: Path, external: str) -> str:
    posts = json.loads(run(db, "posts", "--batch", "zw", "--json").stdout)
    return next(p["id"] for p in posts if p["external_id"] == external)


def test_posts_json_is_a_list_of_documented_objects(db):
    done = run(db, "posts", "--batch", "zw", "--json")
    posts = json.loads(done.stdout)
    assert len(posts) >= 30
    assert {"id", "external_id", "batch", "state", "source_text", "draft_text", "current_text",
            "platform", "source_lang", "target_lang", "scheduled_at", "extra"} <= set(posts[0])
    assert {p["state"] for p in posts} == {"pending"}


def test_review_journey(db, tmp_path):
    pid = post_id(db, "ZW-004")
    done = run(db, "rewrite", pid, "--text", "We drilled 12 boreholes.", "--as", "Tendai",
               "--back-translation", "我们打了12眼钻井。")
    assert done.returncode == 0 and "revision 1 saved" in done.stdout
    done = run(db, "annotate", "ZW-004", "--start", "0", "--end", "2", "--category", "terminology",
               "--severity", "major", "--comment", "wells", "--as", "Tendai", "--revision", "0")
    assert done.returncode == 0, done.stderr
    assert run(db, "decide", pid, "approve", "--as", "Tendai").stdout.strip() == \
        f"post {pid}: awaiting signoff"
    assert run(db, "decide", pid, "signoff", "--as", "Li Wei", "--role", "coordinator").stdout.strip() == \
        f"post {pid}: approved"

    shown = json.loads(run(db, "show", pid, "--json").stdout)
    assert shown["state"] == "approved" and shown["current_text"] == "We drilled 12 boreholes."
    assert [r["number"] for r in shown["revisions"]] == [0, 1]
    assert shown["revisions"][1]["back_translation"] == "我们打了12眼钻井。"
    assert shown["annotations"][0]["revision"] == 0
    assert [e["kind"] for e in shown["events"]][-2:] == ["post.approved", "post.signed_off"]
    assert "post.signed_off" in run(db, "history", pid).stdout
    assert "revisions:" in run(db, "show", pid).stdout

    out = tmp_path / "approved.csv"
    done = run(db, "export", "--batch", "zw", "--format", "csv", "--out", str(out))
    assert done.returncode == 0 and "exported 1 post to" in done.stdout and out.exists()
    done = run(db, "export", "--batch", "zw", "--format", "csv", "--out", str(out))
    assert done.returncode == 2 and "--again" in done.stderr
    assert run(db, "export", "--batch", "zw", "--format", "xlsx", "--out", str(tmp_path / "a.xlsx"),
               "--again").returncode == 0


def test_undo_from_the_command_line(db):
    pid = post_id(db, "ZW-001")
    run(db, "decide", pid, "reject", "--reason", "off-message", "--as", "Tendai")
    done = run(db, "undo", pid, "--as", "Tendai")
    assert done.returncode == 0 and "undid post.rejected" in done.stdout and "in review" in done.stdout


@pytest.mark.parametrize("args,message", [
    (["decide", "ZW-001", "reject", "--as", "T"], "reject needs a reason"),
    (["decide", "nope", "approve", "--as", "T"], "no post 'nope'"),
    (["rewrite", "ZW-001", "--text", "  ", "--as", "T"], "cannot be empty"),
    (["decide", "ZW-001", "reopen", "--reason", "x", "--as", "T"], "cannot reopen"),
    (["posts", "--batch", "nope"], "no batch 'nope'"),
    (["annotate", "ZW-001", "--start", "5", "--end", "2", "--category", "style",
      "--severity", "minor", "--as", "T"], "outside"),
])
def test_refusals_are_one_clear_line_and_exit_2(db, args, message):
    done = run(db, *args)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert all(line.startswith("review-desk: ") for line in done.stderr.splitlines())


def test_bad_import_lists_problems_and_changes_nothing(db, tmp_path):
    before = run(db, "posts", "--json").stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("id,platform,source_lang,source_text,target_lang,draft_text\n"
                   "A,x,zh-CN,源文,en,Draft\nA,tiktok,zh-CN,源文,en,\n", encoding="utf-8")
    done = run(db, "import", str(bad), "--batch", "zw")
    assert done.returncode == 2
    assert f"{bad}:3: id:" in done.stderr and f"{bad}:3: platform:" in done.stderr
    assert "nothing was imported" in done.stderr
    assert run(db, "posts", "--json").stdout == before


def test_default_database_comes_from_the_environment(tmp_path):
    env_db = tmp_path / "env.sqlite3"
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "batches"], capture_output=True,
                          text=True, env={**os.environ, "REVIEW_DESK_DB": str(env_db)})
    assert done.returncode == 0 and "no batches yet" in done.stdout and env_db.exists()


def test_without_a_display_the_window_says_so_in_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "x.sqlite3")],
                          capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "no display available" in done.stderr


def test_sample_command_loads_sample_and_starter_glossaries(tmp_path):
    done = run(tmp_path / "s.sqlite3", "sample")
    assert done.returncode == 0
    assert "imported zimbabwe-boreholes.csv" in done.stdout and "imported glossary" in done.stdout
    assert "loaded before" in run(tmp_path / "s.sqlite3", "sample").stdout


def test_every_command_is_documented_in_the_readme():
    from review.cli import HANDLERS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in HANDLERS if f"review-desk {name}" not in readme
               and f"review-desk [--db PATH] {name}" not in readme]
    assert missing == []


REAL = ROOT / "tests" / "data" / "real-world"


def test_glossary_commands_round_trip(tmp_path):
    db = tmp_path / "g.sqlite3"
    done = run(db, "glossary", "import", str(ROOT / "glossaries" / "zh-CN_en.aid-project.starter.csv"),
               "--source", "zh-CN", "--target", "en", "--name", "aid")
    assert done.returncode == 0 and "imported glossary aid: zh-CN > en" in done.stdout
    assert run(db, "glossary", "export", "--name", "aid", "--out", str(tmp_path / "aid.tbx")).returncode == 0
    done = run(db, "glossary", "import", str(tmp_path / "aid.tbx"), "--name", "aid")
    assert done.returncode == 0 and "replaced glossary aid" in done.stdout
    listed = run(db, "glossary", "list").stdout
    assert "aid" in listed and "zh-CN>en" in listed
    done = run(db, "glossary", "import", str(REAL / "okapi_oracle_TBX.tbx"), "--name", "oracle")
    assert done.returncode == 0, done.stderr


def test_hostile_glossary_is_refused_with_nothing_imported(tmp_path):
    db = tmp_path / "h.sqlite3"
    hostile = next((ROOT / "tests" / "data" / "hostile").glob("*xxe*.tbx"))
    done = run(db, "glossary", "import", str(hostile), "--source", "en", "--target", "fr")
    assert done.returncode == 2 and "nothing was imported" in done.stderr
    assert "root:" not in done.stderr, "no file content may leak"
    assert run(db, "glossary", "list").stdout.splitlines()[1:] == [], "no glossary was stored"


def test_memory_commands(tmp_path):
    db = tmp_path / "m.sqlite3"
    done = run(db, "tm", "import", str(REAL / "weblate_memory.tmx"))
    assert done.returncode == 0 and "2 units, 2 new" in done.stdout
    done = run(db, "tm", "import", str(REAL / "weblate_memory.tmx"))
    assert "0 new" in done.stdout, "a unit already stored is not added twice"
    out = tmp_path / "all.tmx"
    assert run(db, "tm", "export", "--out", str(out)).returncode == 0 and out.stat().st_size > 0


def test_hints_and_checks_and_dismiss(db):
    hints = json.loads(run(db, "hints", "ZW-012", "--json").stdout)
    assert set(hints) >= {"glossary", "memory", "language", "checks", "length"}
    assert hints["length"]["platform"] == "x" and hints["length"]["count"] > hints["length"]["limit"] == 280
    length = next(c for c in hints["checks"] if c["id"] == "length")
    done = run(db, "dismiss", "ZW-012", length["key"], "--reason", "thread of two posts", "--as", "Tendai")
    assert done.returncode == 0, done.stderr
    again = json.loads(run(db, "hints", "ZW-012", "--json").stdout)
    assert next(c for c in again["checks"] if c["id"] == "length")["dismissed"]["reason"] == "thread of two posts"
    assert run(db, "dismiss", "ZW-012", "nope", "--reason", "x", "--as", "T").returncode == 2

    report = json.loads(run(db, "checks", "--batch", "zw", "--json").stdout)
    assert len(report["posts"]) >= 30 and report["summary"]["untranslated"] >= 1
    assert "posts," in run(db, "checks", "--batch", "zw").stdout


def test_assign_posts_to_a_reviewer(db):
    done = run(db, "assign", "ZW-001", "ZW-002", "--to", "Tendai", "--as", "Chipo")
    assert done.returncode == 0 and "2 posts assigned to Tendai" in done.stdout
    posts = json.loads(run(db, "posts", "--batch", "zw", "--json").stdout)
    assert sorted(p["external_id"] for p in posts if p["assignee"] == "Tendai") == ["ZW-001", "ZW-002"]
    done = run(db, "assign", "ZW-003", "--to", "Tendai", "--as", "Farai", "--role", "reviewer")
    assert done.returncode == 2 and "only a coordinator can assign posts" in done.stderr


def test_backup_list_now_and_restore(db):
    assert run(db, "backup", "now").returncode == 0
    listed = json.loads(run(db, "backup", "list", "--json").stdout)
    assert [b["reason"] for b in listed] == ["manual", "import"]
    assert [b["number"] for b in listed] == [1, 2]
    with open(db, "r+b") as handle:  # damage a b-tree page
        handle.seek(4096 * 3)
        handle.write(b"\xff" * 4096)
    refused = run(db, "posts")
    assert refused.returncode == 2 and "is damaged" in refused.stderr
    assert "review-desk backup restore N" in refused.stderr
    done = run(db, "backup", "restore", "1")
    assert done.returncode == 0, done.stderr
    assert "the replaced database is kept as" in done.stdout
    assert run(db, "posts").returncode == 0
    missing = run(db, "backup", "restore", "9")
    assert missing.returncode == 2 and "no backup 9" in missing.stderr


def test_report_of_a_batch_and_of_everything(db, tmp_path):
    pid = post_id(db, "ZW-004")
    run(db, "annotate", pid, "--start", "0", "--end", "4", "--category", "terminology",
        "--severity", "major", "--as", "Tendai", "--revision", "0")
    run(db, "decide", pid, "approve", "--as", "Tendai")
    out = tmp_path / "report.html"
    done = run(db, "report", "--batch", "zw", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(rf"report of \d+ posts written to {re.escape(str(out))} "
                        r"\(MQM quality \d+\.\d over 1 decided post\)\n", done.stdout)
    assert "ZW-004" in out.read_text(encoding="utf-8")
    assert run(db, "report", "--all", "--out", str(tmp_path / "all.html")).returncode == 0
    done = run(db, "report", "--batch", "nope", "--out", str(out))
    assert done.returncode == 2 and "no batch 'nope'" in done.stderr
    done = run(db, "report", "--batch", "zw", "--out", str(tmp_path / "missing" / "r.html"))
    assert done.returncode == 2 and "cannot write" in done.stderr

def test_export_xliff_then_verify_exits_0_and_2_when_tampered(db, tmp_path):
    post = post_id(db, "ZW-001")
    assert run(db, "decide", post, "approve", "--as", "Tendai").returncode == 0
    out = tmp_path / "zw.xlf"
    done = run(db, "export", "--batch", "zw", "--format", "xliff12", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert f"manifest: {out}.manifest.json" in done.stdout
    done = run(db, "verify", str(out))
    assert done.returncode == 0 and done.stdout.startswith("OK: ")
    out.write_bytes(out.read_bytes().replace(b"final", b"FINAL"))
    done = run(db, "verify", str(out))
    assert done.returncode == 2
    assert "sha256: the file's is" in done.stderr and "is NOT the file that was exported" in done.stderr
    # without the database, the manifest alone is checked
    done = run(tmp_path / "elsewhere.sqlite3", "verify", str(out), "--manifest", f"{out}.manifest.json")
    assert done.returncode == 2 and "checked against the manifest only" in done.stdout
    assert not (tmp_path / "elsewhere.sqlite3").exists()


def test_import_xliff_needs_a_platform(tmp_path):
    db = tmp_path / "x.sqlite3"
    done = run(db, "import", str(REAL / "weblate_cs.xliff2"))
    assert done.returncode == 2 and "--platform" in done.stderr
    done = run(db, "import", str(REAL / "weblate_cs.xliff2"), "--platform", "x")
    assert done.returncode == 0 and "4 new" in done.stdout

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


def test_approve_refuses_open_errors_unless_despite_findings(db, tmp_path):
    """ZW-012 is 109 characters over X's limit: approving it is refused with the finding named
    (exit 2, nothing recorded); --despite-findings approves it and the history says so."""
    pid = post_id(db, "ZW-012")
    refused = run(db, "decide", pid, "approve", "--as", "Tendai")
    assert refused.returncode == 2 and refused.stdout == ""
    lines = refused.stderr.splitlines()
    assert lines[0] == f"review-desk: cannot approve post {pid}: the checks found 1 open error:"
    assert re.match(r"review-desk:   length@target:\d+-\d+: Too long for X: 389 of 280", lines[1])
    assert "--despite-findings" in lines[-1] and all(line.startswith("review-desk: ") for line in lines)
    assert json.loads(run(db, "show", pid, "--json").stdout)["state"] == "pending"

    done = run(db, "decide", pid, "approve", "--as", "Tendai", "--despite-findings")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:2] == [f"post {pid}: approved", "approved despite 1 open error:"]
    events = json.loads(run(db, "show", pid, "--json").stdout)["events"]
    assert events[-1]["kind"] == "post.approved"
    assert [item[:7] for item in events[-1]["payload"]["despite"]] == ["length@"]
    history = run(db, "history", pid).stdout.splitlines()
    assert "despite 1 open error: length@target:" in history[-1]
    out = tmp_path / "report.html"
    assert run(db, "report", "--batch", "zw", "--out", str(out)).returncode == 0
    assert "approved despite 1 open error: length@target:" in out.read_text(encoding="utf-8")


def test_counts_of_one_are_singular(db, tmp_path):
    """Before: "1 post(s) assigned", "exported 1 posts", "1 memory units"."""
    done = run(db, "assign", "ZW-003", "--to", "Tendai", "--as", "Chipo")
    assert done.returncode == 0 and "1 post assigned to Tendai" in done.stdout, done.stdout
    tmx = tmp_path / "one.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="zh-CN" '
        'datatype="plaintext"/><body><tu><tuv xml:lang="zh-CN"><seg>打井</seg></tuv>'
        '<tuv xml:lang="en"><seg>drill boreholes</seg></tuv></tu></body></tmx>\n', encoding="utf-8")
    done = run(db, "tm", "import", str(tmx))
    assert done.returncode == 0 and ": 1 unit, 1 new" in done.stdout, done.stdout + done.stderr
