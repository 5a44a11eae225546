"""Helpers of the format tests: write a batch file, read it, and collect its problems."""
from __future__ import annotations

from pathlib import Path

import pytest

from review.errors import ImportFailed
from review.formats import DraftPost
from review.formats.batchfile import read_batch_file

DATA = Path(__file__).resolve().parent.parent / "data" / "batches"
HEADER = "id,platform,source_lang,source_text,target_lang,draft_text,scheduled_at"
# What a refused time lists (issue 15: the forms spreadsheets write too).
FORMS = ("accepted forms: 2026-12-07T09:30:00+02:00, 2026-12-07 09:30, 2026/12/7 9:30, "
         "7/12/2026 9:30, 12/7/2026 9:30")


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def problems(path: Path, fmt: str | None = None) -> list[str]:
    """The `FILE:LINE: column: message` lines of a file that must be refused, without FILE."""
    with pytest.raises(ImportFailed) as caught:
        read_batch_file(path, fmt)
    prefix = str(path)
    lines = [str(problem) for problem in caught.value.problems]
    assert all(line.startswith(prefix) for line in lines)
    return [line[len(prefix):] for line in lines]


def without_line(post: DraftPost) -> DraftPost:
    """Posts read from different formats are equal apart from where they start."""
    return DraftPost(**{**post.__dict__, "line": 0})


# The posts every good fixture (tests/data/batches/good.*) holds, in file order.
GOOD_POSTS = [
    DraftPost(line=0, external_id="ZW-001", platform="facebook", source_lang="zh-CN",
              source_text="我们在马斯温戈省打了12口井。", target_lang="en",
              draft_text='We drilled 12 boreholes in Masvingo; "safe water" for 3,600 people.',
              link="https://example.org/boreholes/masvingo", media_note="2 photos: drilling rig",
              scheduled_at="2026-12-01T09:30:00+02:00", notes="HQ: check the figure",
              extra={"campaign": "drilling"}),
    DraftPost(line=0, external_id="ZW-002", platform="x", source_lang="zh-CN",
              source_text="第一行\n第二行", target_lang="en", draft_text="Line one\nLine two 🎉",
              scheduled_at="2026-12-02T10:00:00", extra={"campaign": "handover"}),
    DraftPost(line=0, external_id="17", platform="linkedin", source_lang="zh-Hans",
              source_text="成都高新区", target_lang="sn", draft_text="Mvura yakachena"),
]
GOOD_ROWS = [  # the same posts as the cells of a spreadsheet, header first
    ["id", "platform", "source_lang", "source_text", "target_lang", "draft_text", "link",
     "media_note", "scheduled_at", "notes", "campaign"],
    ["ZW-001", "facebook", "zh-CN", "我们在马斯温戈省打了12口井。", "en",
     'We drilled 12 boreholes in Masvingo; "safe water" for 3,600 people.',
     "https://example.org/boreholes/masvingo", "2 photos: drilling rig",
     "2026-12-01T09:30:00+02:00", "HQ: check the figure", "drilling"],
    ["ZW-002", "X", "ZH_cn", "第一行\n第二行", "en", "Line one\nLine two 🎉", None, None,
     "2026-12-02 10:00", None, "handover"],
    [17, "LinkedIn", "zh-hans", "成都高新区", "sn", "  Mvura yakachena  ", None, None, None, None,
     None],
]
