"""Files in and out on the command line, run in-process: batches, glossaries, memory, exports,
verify, reports, backups, the sample."""
from __future__ import annotations

import json
import re

import pytest

from tests.cli.runner import REAL, ROOT, post_id, run


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


def test_xliff_goes_back_in_hq_files_one_file_at_a_time(tmp_path):
    """Two of HQ's files in one batch: the export is refused (exit 2) naming both, then each
    file's posts go back into that file with --from-file, and the command says so."""
    db = tmp_path / "x.sqlite3"
    for name in ("weblate_cs.xliff2", "omegat_xliff2_ex.14.5.xlf"):
        assert run(db, "import", str(REAL.parent / ("real-world-2" if "omegat" in name else
                                                    "real-world") / name), "--batch", "hq",
                   "--platform", "x").returncode == 0
    posts = json.loads(run(db, "posts", "--batch", "hq", "--json").stdout)
    for post in posts:
        run(db, "decide", post["id"], "approve", "--as", "Tendai", "--despite-findings")
    out = tmp_path / "out.xlf"
    done = run(db, "export", "--batch", "hq", "--format", "xliff20", "--out", str(out))
    assert done.returncode == 2 and "--from-file FILE" in done.stderr
    assert "4 posts from weblate_cs.xliff2" in done.stderr and not out.exists()
    done = run(db, "export", "--batch", "hq", "--format", "xliff20", "--out", str(out),
               "--from-file", "weblate_cs.xliff2")
    assert done.returncode == 0, done.stderr
    assert "written into HQ's file weblate_cs.xliff2 as it was imported" in done.stdout
    assert "left out (still approved): 2 posts with another of HQ's files" in done.stdout


def test_import_xliff_needs_a_platform(tmp_path):
    db = tmp_path / "x.sqlite3"
    done = run(db, "import", str(REAL / "weblate_cs.xliff2"))
    assert done.returncode == 2 and "--platform" in done.stderr
    done = run(db, "import", str(REAL / "weblate_cs.xliff2"), "--platform", "x")
    assert done.returncode == 0 and "4 new" in done.stdout


def test_sample_command_loads_sample_and_starter_glossaries(tmp_path):
    done = run(tmp_path / "s.sqlite3", "sample")
    assert done.returncode == 0
    assert "imported zimbabwe-boreholes.csv" in done.stdout and "imported glossary" in done.stdout
    assert "loaded before" in run(tmp_path / "s.sqlite3", "sample").stdout


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
