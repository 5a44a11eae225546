"""Helpers shared by the tests: actors, and draft posts ready to import."""
from __future__ import annotations

from review import Actor
from review.formats import DraftPost

COORD = Actor("Chipo", "coordinator")
REVIEWER = Actor("Tendai", "reviewer")


def draft(external_id: str = "ZW-001", **fields) -> DraftPost:
    values = dict(
        line=2, external_id=external_id, platform="facebook", source_lang="zh-CN",
        source_text="我们在马斯温戈省打了12口井。", target_lang="en",
        draft_text="We drilled 12 water wells in Masvingo province.",
        scheduled_at="2026-12-07T09:30:00",
    )
    values.update(fields)
    return DraftPost(**values)


def sample_csv(folder, name: str, rows: int = 3):
    """A small valid batch file with `rows` posts, written into `folder`."""
    lines = ["id,platform,source_lang,source_text,target_lang,draft_text"]
    lines += [f"{name}-{n},facebook,zh-CN,第{n}口井,en,Borehole {n}" for n in range(1, rows + 1)]
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def forget_documents(desk) -> None:
    """As a desk whose batches were imported before schema 12: no XLIFF document kept, so an
    XLIFF export builds a new document (xliff_write) instead of filling HQ's."""
    with desk.store.write():
        desk.store.conn.execute("DELETE FROM xliff_documents")
