"""Property tests: no input makes a reader fail other than with ImportFailed."""
from __future__ import annotations

import csv
import io
import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from review.errors import ImportFailed
from review.formats.batchfile import read_batch_file

# FUZZ_EXAMPLES=5000 for a longer hunt; the default keeps the suite fast.
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
HEADER = ["id", "platform", "source_lang", "source_text", "target_lang", "draft_text"]


def read_or_refuse(path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        posts = read_batch_file(path)
    except ImportFailed as error:
        assert error.problems, "ImportFailed must say what is wrong"
        assert all(str(p).startswith(str(path)) for p in error.problems)
    else:
        assert isinstance(posts, list)


@FUZZ
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".csv", ".json", ".jsonl", ".xlsx"]))
def test_random_bytes_are_read_or_refused(tmp_path, data, suffix):
    read_or_refuse(tmp_path / f"fuzz{suffix}", data)


def tokens(*pieces: str) -> st.SearchStrategy[str]:
    """Text made of pieces that are likely to meet the readers' corner cases."""
    return st.lists(st.sampled_from(pieces), max_size=120).map("".join)


CSVISH = tokens(*',;\t"\r\n xz=\x00\ufeff\ud800é文', *HEADER, "2026-12-01 09:30", '""')
JSONISH = tokens(*'[]{}:,"\\ \n0123456789.eE-+tfnul', '"id"', '"platform"', "NaN", "Infinity",
                 '"x"', '"zh"', "\\ud800", "null", "1e400", '"draft_text"', "[[[[")


@FUZZ
@given(text=CSVISH)
def test_csv_like_text_is_read_or_refused(tmp_path, text):
    read_or_refuse(tmp_path / "fuzz.csv", ",".join(HEADER).encode() + b"\n" + text.encode(
        "utf-8", "surrogatepass"))


@FUZZ
@given(text=JSONISH, lines=st.booleans())
def test_json_like_text_is_read_or_refused(tmp_path, text, lines):
    read_or_refuse(tmp_path / ("fuzz.jsonl" if lines else "fuzz.json"), text.encode("utf-8"))


# No lone CR: csv.writer leaves it unquoted when the line ends are "\n", and then no reader
# can tell it from a line end.
CELL = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"),
               min_size=1, max_size=40).filter(lambda t: t.strip() and not re.search(
                   "[\x01-\x08\x0b\x0c\x0e-\x1f\ufeff]", t))


@FUZZ
@given(texts=st.lists(CELL, min_size=1, max_size=8), delimiter=st.sampled_from([",", ";", "\t"]),
       line_end=st.sampled_from(["\n", "\r\n"]))
def test_what_the_csv_module_writes_reads_back(tmp_path, texts, delimiter, line_end):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=line_end)
    writer.writerow(HEADER)
    writer.writerows([f"P-{n}", "x", "zh-CN", "源文", "en", text] for n, text in enumerate(texts))
    path = tmp_path / "rt.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    posts = read_batch_file(path)
    assert [p.draft_text for p in posts] == [re.sub(r"\r\n?", "\n", t).strip() for t in texts]
    assert [p.external_id for p in posts] == [f"P-{n}" for n in range(len(texts))]
