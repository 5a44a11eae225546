"""Every command's exact output and exit code, kept: scripts depend on them (README "Command
line" and "JSON output"). One journey through every command on a fresh database, normalised
(ids, times, hashes, keys, the temporary folder and the checkout become placeholders), compared with
tests/cli/transcript.txt.

After a deliberate change to what a command prints, write the transcript again and read its diff:
    .venv/bin/python -m tests.cli.test_transcript --write
"""
from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path

from tests.cli.runner import REAL, ROOT, SAMPLE, cli

TRANSCRIPT = Path(__file__).with_name("transcript.txt")


class Journey:
    def __init__(self, folder: Path):
        self.folder, self.db, self.laptop = folder, folder / "d.sqlite3", folder / "l.sqlite3"
        self.lines: list[str] = []

    def __call__(self, *args, on: Path | None = None):
        done = cli("--db", str(on or self.db), *map(str, args))
        self.lines.append(f"$ {' '.join(map(str, args))}\n[{done.returncode}]\n{done.stdout}"
                          f"--stderr--\n{done.stderr}")
        return done

    def json(self, *args, on: Path | None = None):
        return json.loads(cli("--db", str(on or self.db), *map(str, args)).stdout)


def walk(r: Journey) -> None:
    tmp = r.folder
    r("import", SAMPLE, "--batch", "zw", "--timezone", "Africa/Harare", "--require-signoff", "--as", "Chipo")
    r("batches"), r("posts"), r("posts", "--batch", "zw", "--state", "pending", "--json")
    r("posts", "--batch", "nope"), r("show", "ZW-004"), r("show", "ZW-004", "--json")
    for bt in ("bt", "bt", "bt2"):  # a revision, unchanged, a back-translation only
        r("rewrite", "ZW-004", "--text", "We drilled 12 boreholes.", "--as", "Tendai", "--back-translation", bt)
    r("rewrite", "ZW-004", "--text", " ", "--as", "Tendai")
    r("annotate", "ZW-004", "--start", "0", "--end", "2", "--category", "terminology", "--severity",
      "major", "--comment", "wells", "--as", "Tendai", "--revision", "0")
    r("annotate", "ZW-004", "--start", "5", "--end", "2", "--category", "style", "--severity", "minor", "--as", "T")
    r("decide", "ZW-004", "approve", "--as", "Tendai")
    r("decide", "ZW-004", "signoff", "--as", "Li Wei", "--role", "coordinator")
    r("decide", "ZW-012", "approve", "--as", "Tendai")
    r("decide", "ZW-012", "approve", "--as", "Tendai", "--despite-findings")
    r("decide", "ZW-001", "reject", "--as", "T"), r("decide", "ZW-001", "reject", "--reason", "off", "--as", "T")
    r("undo", "ZW-001", "--as", "T"), r("decide", "nope", "approve", "--as", "T"), r("decide", "ZW-001", "approve")
    r("assign", "ZW-002", "ZW-003", "--to", "Tendai", "--as", "Chipo"), r("assign", "ZW-003", "--nobody", "--as", "Chipo")
    r("assign", "ZW-003", "--to", "Tendai", "--as", "Farai", "--role", "reviewer")
    r("history", "ZW-012"), r("show", "ZW-012"), r("hints", "ZW-012"), r("hints", "ZW-012", "--json")
    key = r.json("hints", "ZW-009", "--json")["checks"][0]["key"]
    r("dismiss", "ZW-009", key, "--reason", "fine", "--as", "Tendai")
    r("dismiss", "ZW-009", "nope", "--reason", "x", "--as", "T")
    r("checks", "--batch", "zw"), r("checks", "--batch", "zw", "--json")
    for again in ((), (), ("--again",)):
        r("export", "--batch", "zw", "--format", "csv", "--out", tmp / "a.csv", *again)
    r("export", "--batch", "zw", "--format", "xliff12", "--out", tmp / "a.xlf", "--again")
    r("verify", tmp / "a.xlf")
    (tmp / "a.xlf").write_bytes((tmp / "a.xlf").read_bytes().replace(b"final", b"FINAL"))
    r("verify", tmp / "a.xlf"), r("verify", tmp / "a.xlf", on=tmp / "none.sqlite3")
    r("report", "--batch", "zw", "--out", tmp / "r.html"), r("report", "--all", "--out", tmp / "r2.html")
    r("report", "--batch", "zw", "--out", tmp / "no" / "r.html")
    r("sample"), r("sample"), r("glossary", "list")
    r("glossary", "import", ROOT / "glossaries" / "zh-CN_en.aid-project.starter.csv", "--source",
      "zh-CN", "--target", "en", "--name", "aid")
    r("glossary", "export", "--name", "aid", "--out", tmp / "aid.tbx")
    r("glossary", "import", tmp / "aid.tbx", "--name", "aid")
    r("glossary", "export", "--name", "nope", "--out", tmp / "x.tbx")
    r("tm", "import", REAL / "weblate_memory.tmx"), r("tm", "export", "--out", tmp / "m.tmx")
    r("backup", "list"), r("backup", "now"), r("backup", "list", "--json"), r("backup", "restore", "9")
    r("backup", "list", on=tmp / "fresh.sqlite3")
    r("pack", "key"), r("pack", "work", "--batch", "zw", "--out", tmp / "w.rdpack", "--for", "Tendai", "--as", "Chipo")
    r("pack", "import", tmp / "w.rdpack", on=r.laptop), r("pack", "list", on=r.laptop)
    r("decide", "ZW-006", "approve", "--as", "Tendai", on=r.laptop)
    r("rewrite", "ZW-006", "--text", "Boreholes.", "--as", "Chipo", "--role", "coordinator")
    r("pack", "results", "--batch", "zw", "--out", tmp / "res.rdpack", "--as", "Tendai", on=r.laptop)
    r("pack", "import", tmp / "res.rdpack", "--json"), r("pack", "list"), r("pack", "list", "--json")
    r("conflicts"), r("conflicts", "--batch", "zw", "--json")
    keep = r.json("conflicts", "--json")[0]["versions"][0]["event"]
    r("resolve", "ZW-006", "--keep", keep, "--as", "Chipo"), r("conflicts")
    r("import", SAMPLE, "--batch", "zw", "--as", "Chipo", on=tmp / "split.sqlite3")
    r("assign", "--batch", "zw", "--split", "Tendai, Nomsa", on=tmp / "split.sqlite3")
    r("assign", "--batch", "zw", "--split", "Tendai,Nomsa"), r("assign", "--batch", "zw", "--split", "Nomsa")
    r("pack", "work", "--batch", "zw", "--out", tmp / "w2.rdpack", "--for", "Nomsa")
    r("export", "--batch", "zw", "--format", "xlxs", "--out", tmp / "x.xlsx")
    r("decide", "ZW-001", "aprove", "--as", "T"), r("posts", "--state", "approve")
    r("backup", "restore", "1")
    (tmp / "hq.csv").write_bytes(("id,platform,source_lang,source_text,target_lang,draft_text,"
                                  "scheduled_at\nW-1,x,fr,Le café,en,The café,07/12/2026 09:30\n"
                                  ).encode("cp1252"))
    r("import", tmp / "hq.csv"), r("import", tmp / "hq.csv", "--encoding", "cp1252")
    r("import", tmp / "hq.csv", "--encoding", "cp1252", "--day-first")
    r("gui"), r(), r("nonsense"), r("decide", "ZW-001", "approve"), r("--help"), r("pack", "--help")


def normalised(r: Journey) -> str:
    """The same journey prints the same text: each id, hash and key becomes a numbered
    placeholder in the order it first appears; times and the temporary folder, one word."""
    text = "\n".join(r.lines).replace(str(r.folder), "TMP").replace(str(ROOT), "ROOT")
    for post in r.json("posts", "--json"):
        text = text.replace(post["id"], f"<{post['batch']}:{post['external_id']}>")
    seen: dict[tuple[str, str], str] = {}

    def numbered(kind: str):
        def name(match: re.Match) -> str:
            count = sum(1 for k in seen if k[0] == kind)
            return seen.setdefault((kind, match.group(0)), f"<{kind}{count}>")
        return name

    text = re.sub(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?Z?", "TIME", text)
    text = re.sub(r"\b[0-9a-f]{64}\b", numbered("sha"), text)
    text = re.sub(r"\b[0-9a-f]{32}\b", numbered("ev"), text)
    text = re.sub(r"replaced-\S+", "replaced-X", text)
    text = re.sub(r"\d{8}T\d{12}Z", "STAMP", text)
    text = re.sub(r"\b[0-9A-F]{4}( [0-9A-F]{4}){3}\b", numbered("key"), text)
    text = re.sub(r"\b\d+\.\d MB\b", "N MB", text)
    return re.sub(r'"size": \d+', '"size": N', text)


def transcript(folder: Path) -> str:
    journey = Journey(folder)
    walk(journey)
    return normalised(journey)


def test_every_command_prints_what_it_printed(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")  # --help wraps to it
    now = transcript(tmp_path).rstrip("\n").splitlines()
    before = TRANSCRIPT.read_text(encoding="utf-8").rstrip("\n").splitlines()
    commands = [line for line in before if line.startswith("$ ")]
    assert len(commands) >= 70 and "Traceback" not in "\n".join(now)
    assert now == before


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    import os

    os.environ["COLUMNS"] = "100"
    with tempfile.TemporaryDirectory() as folder:
        TRANSCRIPT.write_text(transcript(Path(folder)) + "\n", encoding="utf-8")
    print(f"wrote {TRANSCRIPT}")
