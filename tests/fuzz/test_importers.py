"""Every importer, through the desk, on random bytes and on mutations of valid files: only a
clean import or a ReviewError (ImportFailed for a bad file); after a refusal the database is
exactly as before, after an import every post's stored state is the replay of its events."""
from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from review import Desk
from review.errors import ReviewError
from tests.fuzz.settings import fuzz
from tests.helpers import draft
from review.importing import import_drafts
from tests.helpers import COORD
from tests.test_hostile_corpus import import_as, snapshot

DATA = Path(__file__).resolve().parent.parent / "data"
REPO = DATA.parent.parent
SEEDS = {
    "batch": [DATA / "batches" / n for n in ("good.csv", "good.tsv", "good.json", "good.jsonl",
                                            "good_utf16.csv")]
    + sorted((DATA / "real-world").glob("*.xlf")) + [DATA / "real-world" / "weblate_cs.xliff2"],
    "glossary": sorted((REPO / "glossaries").glob("*.csv")) + sorted((DATA / "real-world").glob("*.tbx")),
    "memory": sorted((DATA / "real-world").glob("*.tmx")),
}
SUFFIXES = {"batch": [".csv", ".tsv", ".json", ".jsonl", ".xlsx", ".xlf", ".xliff2"],
            "glossary": [".csv", ".tbx"], "memory": [".tmx"]}
SNIPPETS = [b",", b";", b"\t", b'"', b'""', b"\r", b"\n", b"\r\n", b"\x00", b"\xef\xbb\xbf",
            b"\xff\xfe", b"\xed\xa0\x80", b"\xf0\x9f\x8e", b"=cmd|' /C calc'!A0", b"[", b"]",
            b"{", b"}", b'"id"', b": NaN", b"1e400", b'"\\ud800"', b"<", b"</", b"&", b"&amp;",
            b"<![CDATA[", b"<!ENTITY x 'y'>", b"&x;", b"<!--", b"]>", b"\xe6\xba\x90"]


@pytest.fixture
def desk(tmp_path):
    with Desk(tmp_path / "desk.sqlite3", backups=False) as opened:
        import_drafts(opened, [draft("ZW-001"), draft("ZW-002")], "zw", actor=COORD,
                      timezone="UTC")
        yield opened


def import_or_refuse(desk: Desk, path: Path, kind: str) -> None:
    before = snapshot(desk)
    try:
        import_as(desk, path, kind)
    except ReviewError as error:
        assert str(error).strip(), "a refusal must say why"
        assert snapshot(desk) == before, "a refused import changed the database"
    else:
        assert desk.posts_out_of_step() == []


def mutate(data: bytes, rng: random.Random, edits: int) -> bytes:
    """Delete, insert, replace or duplicate bytes, swap or drop lines, truncate."""
    out = bytearray(data)
    for _ in range(edits):
        at = rng.randrange(len(out) + 1)
        kind = rng.randrange(7)
        if kind == 0 and out:
            out[min(at, len(out) - 1)] = rng.randrange(256)
        elif kind == 1:
            out[at:at] = rng.choice(SNIPPETS)
        elif kind == 2:
            del out[at:at + rng.randrange(1, 40)]
        elif kind == 3:
            del out[at:]
        elif kind == 4:
            out[at:at] = out[max(0, at - 60):at]
        else:
            lines = bytes(out).split(b"\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            if kind == 5:
                lines[i], lines[j] = lines[j], lines[i]
            else:
                del lines[i]
            out = bytearray(b"\n".join(lines))
    return bytes(out)


def xlsx_seed() -> bytes:
    from openpyxl import Workbook

    from tests.formats.support import GOOD_ROWS

    book = Workbook()
    for row in GOOD_ROWS:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


XLSX = xlsx_seed()


def mutate_xlsx(rng: random.Random, edits: int) -> bytes:
    """The workbook with one of its XML members mutated, zipped again: a byte mutation of the
    zip itself only ever tests the zip reader."""
    with zipfile.ZipFile(io.BytesIO(XLSX)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    name = rng.choice(sorted(n for n in members if n.endswith(".xml")))
    members[name] = mutate(members[name], rng, edits)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return out.getvalue()


KINDS = st.sampled_from(["batch", "glossary", "memory"])


@fuzz(60)
@given(kind=KINDS, data=st.data(), content=st.binary(max_size=1500))
def test_random_bytes_are_imported_or_refused(desk, tmp_path, kind, data, content):
    suffix = data.draw(st.sampled_from(SUFFIXES[kind]), label="suffix")
    path = tmp_path / f"random{suffix}"
    path.write_bytes(content)
    import_or_refuse(desk, path, kind)


@fuzz(150)
@given(kind=KINDS, data=st.data(), rng=st.randoms(use_true_random=False),
       edits=st.integers(1, 8))
def test_mutated_valid_files_are_imported_or_refused(desk, tmp_path, kind, data, rng, edits):
    seed = data.draw(st.sampled_from(SEEDS[kind]), label="seed")
    path = tmp_path / f"mutant{seed.suffix}"
    path.write_bytes(mutate(seed.read_bytes(), rng, edits))
    import_or_refuse(desk, path, kind)


@fuzz(60)
@given(rng=st.randoms(use_true_random=False), edits=st.integers(1, 6))
def test_mutated_workbooks_are_imported_or_refused(desk, tmp_path, rng, edits):
    path = tmp_path / "mutant.xlsx"
    path.write_bytes(mutate_xlsx(rng, edits))
    import_or_refuse(desk, path, "batch")
