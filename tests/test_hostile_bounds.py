"""Work is bounded by its input: every hostile file of the table below is refused by the command
line, as a person or a script runs it, in a fresh process whose peak memory and time are
measured, with a named message and the database unchanged.

The bound on memory is min(10 x the file's size + 200 MB, 1 GB) of peak resident memory (for a
pipe or a device, whose size is 0: 200 MB). Each case is (name, the maker that writes its file
into a folder, the command, the names of the messages the refusal must use); package files go
in the same table (`pack import {file}`). The files are made by tests/data/hostile/
make_large_files.py into the test's folder and removed after each case. Set
HOSTILE_BOUNDS_REPORT=FILE to append each case's measured peak and time to FILE.
"""
from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from review import Desk
from review.texts import MESSAGES
from tests.test_hostile_corpus import REPO, snapshot, stock

MB = 2**20
GB = 2**30
_spec = importlib.util.spec_from_file_location(
    "make_large_files", REPO / "tests" / "data" / "hostile" / "make_large_files.py")
large = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(large)

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists() or os.name != "posix",
                                reason="pipes, sockets and peak memory as Linux has them")


def memory_bound(size: int) -> int:
    """What reading a file of `size` bytes may take at most: the project's rule."""
    return min(10 * size + 200 * MB, GB)


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], Path]
    command: tuple[str, ...]  # after `review-desk --db DB`; {file}: the made file, {dir}: its folder
    messages: tuple[str, ...] | None  # names in review/texts/ the refusal uses; None: imported
    seconds: float = 60  # the most it may take; measured times are a few seconds


def _with_manifest(maker: Callable[[Path], Path]) -> Callable[[Path], Path]:
    """`maker`, plus a good manifest m.json beside what it makes (read before the file)."""
    def make(folder: Path) -> Path:
        large.export_manifest(folder)
        return maker(folder)
    return make


def _beside_an_export(maker: Callable[[Path], Path]) -> Callable[[Path], Path]:
    """`maker`, plus the export.csv it is the manifest of (a file that is not there is said to
    be missing before its manifest is read: issue 15)."""
    def make(folder: Path) -> Path:
        (folder / "export.csv").write_text("id\n1\n", encoding="utf-8")
        return maker(folder)
    return make


def _regular(kind: str) -> tuple[str, ...]:
    return ("file-is-folder",) if kind == "folder" else ("not-a-regular-file",)


IMPORT = ("import", "{file}")
CASES = [
    # workbooks: what openpyxl would build from a small zip
    Case("xlsx-shared-strings-bomb", large.xlsx_shared_strings_bomb, IMPORT, ("xlsx-too-costly",)),
    Case("xlsx-empty-elements", large.xlsx_sheet_of_empty_elements, IMPORT, ("xlsx-too-costly",)),
    Case("xlsx-padded-rows", large.xlsx_rows_padded_to_the_last_column, IMPORT,
         ("xlsx-too-many-cells",)),
    Case("xlsx-many-styles", large.xlsx_many_styles, IMPORT, ("xlsx-too-costly",)),
    Case("xlsx-many-sheets", large.xlsx_many_sheets, IMPORT, ("xlsx-too-costly",)),
    Case("xlsx-long-inline-texts", large.xlsx_long_inline_texts, IMPORT, ("xlsx-too-much-text",)),
    Case("xlsx-one-text-everywhere", large.xlsx_one_text_used_everywhere, IMPORT,
         ("xlsx-too-much-text",)),
    Case("xlsx-two-sheets-of-one-name", large.xlsx_two_sheets_of_one_name, IMPORT,
         ("xlsx-duplicate-member",)),
    # text files
    Case("tsv-million-columns", large.tsv_million_columns, IMPORT, ("too-many-columns",)),
    Case("csv-many-extra-cells", large.csv_many_extra_cells, IMPORT, ("too-many-extra-cells",)),
    Case("csv-line-of-commas", large.csv_one_line_of_commas, IMPORT, ("too-many-columns",)),
    Case("json-long-integer", large.json_long_integer, IMPORT, ("json-number-digits",)),
    Case("json-deep", large.json_deep_nesting, IMPORT, ("json-too-deep",)),
    Case("jsonl-deep", large.jsonl_deep_nesting, IMPORT, ("json-too-deep",)),
    Case("json-many-keys", large.json_many_keys, IMPORT, ("json-post-too-large",)),
    Case("glossary-csv-many-rows", large.glossary_many_rows,
         ("glossary", "import", "{file}", "--source", "en", "--target", "sn"),
         ("glossary-too-many-entries",)),
    # XML: trees of tiny elements
    Case("tmx-tiny-units", large.tmx_tiny_units, ("tm", "import", "{file}"), ("xml-too-costly",)),
    Case("tmx-many-attributes", large.tmx_many_attributes, ("tm", "import", "{file}"),
         ("xml-too-costly",)),
    Case("tbx-many-terms", large.tbx_many_terms, ("glossary", "import", "{file}"),
         ("xml-too-costly",)),
    Case("xliff-many-units", large.xliff_many_units, ("import", "{file}", "--platform", "x"),
         ("xml-too-costly",)),
    Case("xliff-many-codes", large.xliff_many_codes, ("import", "{file}", "--platform", "x"),
         ("xml-too-costly",)),
    # verify: the manifest is read like any file
    Case("manifest-deep", large.manifest_deep, ("verify", "{dir}/export.csv"),
         ("export-manifest-not-json", "export-manifest-too-deep")),
    Case("manifest-long-integer", large.manifest_long_integer, ("verify", "{dir}/export.csv"),
         ("export-manifest-not-json", "json-number-digits")),
    # review packages signed with a key of their own, for a new batch: read and checked whole
    Case("package-events-flood", large.package_events_flood, ("pack", "import", "{file}"),
         ("events-missing-parents",), seconds=120),
    Case("package-member-57-times", large.package_member_57_times, ("pack", "import", "{file}"),
         ("events-missing-parents-one",), seconds=180),
    Case("package-one-long-line", large.package_one_long_line, ("pack", "import", "{file}"),
         ("package-line-too-long",)),
]
for _kind in ("pipe", "zero", "folder", "socket"):
    _maker = large.not_files(".csv")[_kind]
    _why = _regular(_kind)
    CASES += [
        Case(f"import-{_kind}", _maker, IMPORT, _why),
        Case(f"glossary-csv-{_kind}", _maker,
             ("glossary", "import", "{file}", "--source", "en", "--target", "sn"), _why),
        Case(f"glossary-tbx-{_kind}", large.not_files(".tbx")[_kind],
             ("glossary", "import", "{file}"), _why),
        Case(f"tm-{_kind}", large.not_files(".tmx")[_kind], ("tm", "import", "{file}"), _why),
        Case(f"verify-file-{_kind}", _with_manifest(_maker),
             ("verify", "{file}", "--manifest", "{dir}/m.json"), ("verify-cannot-read",) + _why),
        Case(f"verify-manifest-{_kind}", _beside_an_export(_maker),
             ("verify", "{dir}/export.csv", "--manifest", "{file}"),
             ("export-manifest-cannot-read",) + _why),
        # review packages join the table the same way (their reader is review/exchange.py)
        Case(f"pack-import-{_kind}", large.not_files(".rdpack")[_kind], ("pack", "import", "{file}"),
             ("package-not-a-file",)),
    ]

# Real files of the same kinds, imported within the bound: the checks above refuse the attack,
# not the work.
CONTROLS = [
    Case("xlsx-10000-posts", large.xlsx_ten_thousand_posts, IMPORT, None),
    Case("tmx-20000-units", large.tmx_twenty_thousand_units, ("tm", "import", "{file}"), None),
    Case("xliff-100-units-of-1000-codes", large.xliff_codes_within,
         ("import", "{file}", "--platform", "x"), None),
]


# ---------------------------------------------------------------------------------- running

# Runs the command as its own child and reports that child's peak resident memory: a fresh,
# small process, so ru_maxrss holds only the command's own peak (a child of pytest itself would
# inherit the high-water mark of pytest's 200 MB at exec). A watchdog kills the command past
# its time or at twice its memory bound, so a regression fails the test, not the machine.
MEASURE = textwrap.dedent("""
    import json, resource, subprocess, sys, tempfile, time
    command, seconds, kill_at = json.loads(sys.argv[1])
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    started = time.monotonic()
    child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
    killed = None
    while child.poll() is None:
        try:
            with open(f"/proc/{child.pid}/status") as status:
                rss = int(status.read().split("VmRSS:")[1].split()[0]) * 1024
        except (OSError, IndexError):
            rss = 0
        if time.monotonic() - started > seconds:
            killed = "time"
        elif rss > kill_at:
            killed = "memory"
        if killed:
            child.kill()
            child.wait()
            break
        time.sleep(0.02)
    elapsed = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    out.seek(0)
    err.seek(0)
    print(json.dumps({"code": child.returncode, "peak": peak, "seconds": elapsed,
                      "killed": killed, "stdout": out.read().decode("utf-8", "replace"),
                      "stderr": err.read().decode("utf-8", "replace")}))
""")


def run_measured(database: Path, arguments: list[str], seconds: float, bound: int) -> dict:
    command = [sys.executable, str(REPO / "main.py"), "--db", str(database), *arguments]
    done = subprocess.run([sys.executable, "-c", MEASURE,
                           json.dumps([command, seconds, 2 * bound])],
                          capture_output=True, text=True, timeout=seconds + 60, cwd=REPO)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A database holding work (see test_hostile_corpus.stocked), copied for each case."""
    folder = tmp_path_factory.mktemp("template")
    with Desk(folder / "desk.sqlite3") as desk:
        stock(desk, folder)
        state = snapshot(desk)
    return folder / "desk.sqlite3", state


def measured_case(case: Case, template, tmp_path: Path) -> tuple[dict, int, dict | None]:
    """Make the file, run the command on a copy of the template; (outcome, bound, database
    state afterwards). The made files are removed, whatever happened."""
    database, _ = template
    copy = tmp_path / "desk.sqlite3"
    shutil.copyfile(database, copy)
    folder = tmp_path / "files"
    folder.mkdir()
    try:
        made = case.make(folder)
        size = made.stat().st_size if made.is_file() and not made.is_symlink() else 0
        bound = memory_bound(size)
        arguments = [a.format(file=made, dir=folder) for a in case.command]
        outcome = run_measured(copy, arguments, case.seconds, bound)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    _report(case, size, bound, outcome)
    with Desk(copy, backups=False, daily_backup=False) as desk:
        return outcome, bound, snapshot(desk)


def _report(case: Case, size: int, bound: int, outcome: dict) -> None:
    report = os.environ.get("HOSTILE_BOUNDS_REPORT")
    if report:
        with open(report, "a", encoding="utf-8") as out:
            out.write(json.dumps({"case": case.name, "size": size, "bound": bound,
                                  "peak": outcome["peak"], "seconds": outcome["seconds"],
                                  "code": outcome["code"]}) + "\n")


def template_pattern(name: str) -> str:
    """A regular expression matching any message made from the template `name`."""
    pieces = re.split(r"\{[^{}]*\}", MESSAGES[name].replace("{{", "{").replace("}}", "}"))
    return ".+?".join(re.escape(piece) for piece in pieces)


# ---------------------------------------------------------------------------------- tests

@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hostile_file_is_refused_within_bounds(case: Case, template, tmp_path):
    outcome, bound, after = measured_case(case, template, tmp_path)
    assert outcome["killed"] is None, outcome
    assert outcome["code"] == 2, outcome
    lines = outcome["stderr"].splitlines()
    assert lines and all(line.startswith("review-desk: ") for line in lines), outcome["stderr"]
    assert "Traceback" not in outcome["stderr"] and "internal error" not in outcome["stderr"]
    for name in case.messages:
        assert re.search(template_pattern(name), outcome["stderr"]), (name, outcome["stderr"])
    for need, limit in re.findall(r"take about ([\d,]+) MB of memory, more than the ([\d,]+) MB",
                                  outcome["stderr"]):  # the figures say what the words say
        assert int(need.replace(",", "")) > int(limit.replace(",", "")), outcome["stderr"]
    assert outcome["peak"] <= bound, f"peak {outcome['peak'] / MB:.0f} MB > {bound / MB:.0f} MB"
    assert after == template[1], "a refused file changed the database"


@pytest.mark.parametrize("case", CONTROLS, ids=lambda case: case.name)
def test_real_files_of_the_same_kinds_are_imported_within_bounds(case: Case, template, tmp_path):
    outcome, bound, after = measured_case(case, template, tmp_path)
    assert outcome["killed"] is None and outcome["code"] == 0, outcome
    assert outcome["peak"] <= bound, f"peak {outcome['peak'] / MB:.0f} MB > {bound / MB:.0f} MB"
    assert after != template[1]


def test_every_message_named_in_the_table_exists():
    names = {name for case in CASES for name in case.messages}
    assert names - set(MESSAGES) == set()


def test_the_measuring_sees_a_peak_and_a_hang(tmp_path):
    """The harness itself: a command that takes 300 MB is measured at 300 MB or more, and one
    that never ends is stopped at its time limit."""
    hog = [sys.executable, "-c", "x = bytearray(300 * 2**20); x[::4096] = b'1' * len(x[::4096])"]
    done = subprocess.run([sys.executable, "-c", MEASURE, json.dumps([hog, 30, 2 * GB])],
                          capture_output=True, text=True, timeout=90)
    assert json.loads(done.stdout)["peak"] >= 300 * MB
    sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
    done = subprocess.run([sys.executable, "-c", MEASURE, json.dumps([sleeper, 1, GB])],
                          capture_output=True, text=True, timeout=90)
    assert json.loads(done.stdout)["killed"] == "time"
