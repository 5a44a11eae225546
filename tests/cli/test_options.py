"""Issue 15: every option mistake is one line (`review-desk: ...`, exit 2) naming the option,
what was given, what is accepted and the closest valid choice; format names match in any case,
`xliff` is XLIFF 1.2, and `--format` may be left out when `--out`'s extension says it."""
from __future__ import annotations

import json

import pytest

from tests.cli.runner import cli, run


def one_line(done) -> str:
    assert (done.returncode, done.stdout) == (2, ""), done
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("review-desk: "), done.stderr
    assert "usage:" not in done.stderr and "Traceback" not in done.stderr
    return done.stderr.strip()


@pytest.mark.parametrize("argv, expected", [
    (("export", "--batch", "zw", "--format", "xlxs", "--out", "x.xlsx"),
     "review-desk: --format: 'xlxs' is not a format; accepted: csv, xlsx, json, xliff12, "
     "xliff20, tmx, hootsuite, highlevel; did you mean xlsx?"),
    (("decide", "ZW-001", "aprove", "--as", "T"),
     "review-desk: decide: 'aprove' is not a decision; accepted: approve, reject, "
     "request-changes, reopen, signoff; did you mean approve?"),
    (("posts", "--state", "approve"),
     "review-desk: --state: 'approve' is not a state; accepted: pending, in_review, approved, "
     "awaiting_signoff, changes_requested, rejected, exported, conflict; did you mean approved?"),
    (("decide", "ZW-001", "approve"),
     "review-desk: decide: --as NAME is required; see review-desk decide --help"),
    (("export", "--format", "csv"),
     "review-desk: export: --batch, --out are required; see review-desk export --help"),
    (("glossary",),
     "review-desk: glossary: ACTION (import, export, list) is required; see review-desk "
     "glossary --help"),
    (("annotate", "ZW-001", "--start", "x", "--end", "2", "--category", "style", "--severity",
      "minor", "--as", "T"),
     "review-desk: annotate: --start: 'x' is not a whole number; see review-desk annotate --help"),
    (("decide", "ZW-001", "approve", "--as", "T", "--despite-findngs"),
     "review-desk: decide: --despite-findngs is not an option here; did you mean --despite-findings?"),
    (("decide", "ZW-001", "approve", "--as", "T", "extra"),
     "review-desk: decide: 'extra' was not expected here; see review-desk decide --help"),
    (("posts", "--role", "boss"),
     "review-desk: posts: --role is not an option here; see review-desk posts --help"),
])
def test_an_option_mistake_is_one_line(tmp_path, argv, expected):
    assert one_line(run(tmp_path / "x.sqlite3", *argv)) == expected


def test_a_mistyped_command_offers_the_closest(tmp_path):
    said = one_line(cli("--db", str(tmp_path / "x.sqlite3"), "decid"))
    assert said.startswith("review-desk: 'decid' is not a command; accepted: import, batches,")
    assert said.endswith("; did you mean decide?")
    said = one_line(cli("--db", str(tmp_path / "x.sqlite3"), "aprove"))
    assert said.startswith("review-desk: 'aprove' is not a command; did you mean "
                           "`decide POST_ID approve`? Commands: import,")
    said = one_line(cli("--db", str(tmp_path / "x.sqlite3"), "qqqq"))
    assert "did you mean" not in said


def test_choices_match_in_any_case(db, tmp_path):
    assert run(db, "decide", "ZW-001", "APPROVE", "--as", "T", "--role", "Reviewer",
               "--despite-findings").returncode == 0
    done = run(db, "posts", "--state", "Approved", "--json")
    assert [p["external_id"] for p in json.loads(done.stdout)] == ["ZW-001"]
    done = run(db, "export", "--batch", "zw", "--format", "XLSX", "--out", str(tmp_path / "a.xlsx"))
    assert done.returncode == 0 and "exported 1 post" in done.stdout, done.stderr


@pytest.mark.parametrize("given, out, written", [
    ("xliff", "a.xlf", 'version="1.2"'), ("Xliff2", "a.xml", 'version="2.0"'),
    (None, "a.xlf", 'version="1.2"'), (None, "a.xlf2", 'version="2.0"'),
    (None, "a.TMX", "<tmx version"), (None, "a.json", '"external_id"'),
    (None, "a.csv", "external_id")])
def test_the_format_from_a_name_or_from_the_extension(db, tmp_path, given, out, written):
    assert run(db, "decide", "ZW-001", "approve", "--as", "T", "--despite-findings").returncode == 0
    fmt = ("--format", given) if given else ()
    done = run(db, "export", "--batch", "zw", *fmt, "--out", str(tmp_path / out))
    assert done.returncode == 0, done.stderr
    assert written in (tmp_path / out).read_text(encoding="utf-8")


def test_an_extension_that_says_no_format_is_one_line(db, tmp_path):
    said = one_line(run(db, "export", "--batch", "zw", "--out", str(tmp_path / "a.txt")))
    assert said == ("review-desk: --format is needed: the output's extension (.txt) does not say "
                    "the format; extensions that do: .csv, .xlsx, .json, .xlf, .xliff, .xlf2, "
                    ".tmx; formats: csv, xlsx, json, xliff12, xliff20, tmx, hootsuite, highlevel")
    assert not (tmp_path / "a.txt").exists()
