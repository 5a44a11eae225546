"""The review verbs on the command line, run in-process: decide, rewrite, annotate, assign,
undo, history, show, hints, checks, dismiss."""
from __future__ import annotations

import json
import re

import pytest

from tests.cli.runner import REAL, post_id, run


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
      "--severity", "minor", "--as", "T"], "empty or reversed"),
])
def test_refusals_are_one_clear_line_and_exit_2(db, args, message):
    done = run(db, *args)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert all(line.startswith("review-desk: ") for line in done.stderr.splitlines())


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
