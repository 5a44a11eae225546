"""The review queue: which posts a reviewer sees, in which order, found by what they type.

Filtering, searching and sorting happen in SQL (see `Store.queue_rowids`): a proxy model over
100,000 rows in Qt took 0.36 s per keystroke and 5-9 s to sort a text column. The queue holds
only the ordered row ids; rows are read when shown.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from .core import Core
from .formats.placeholders import tokened
from .schedule import schedule_passed

SORTS = ("state", "platform", "languages", "text", "problems", "reviewer", "scheduled", "batch",
         "external_id")


@dataclass(frozen=True)
class QueueFilter:
    batch: str | None = None
    state: str | None = None
    source_lang: str | None = None
    target_lang: str | None = None
    platform: str | None = None
    has_problems: bool = False
    assignee: str | None = None  # "assigned to me": the reviewer's name
    text: str = ""  # searches the source and every revision (draft and rewrites)


def queue_rowids(core: Core, queue_filter: QueueFilter, sort: str = "batch",
                 descending: bool = False) -> list[int]:
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}")
    return core.store.queue.rowids(asdict(queue_filter), sort, descending)


def state_counts(core: Core, queue_filter: QueueFilter) -> dict[str, int]:
    """Posts per state under every filter but the state one (for the status bar)."""
    return core.store.queue.state_counts(asdict(queue_filter))


def queue_rows(core: Core, rowids: list[int]) -> dict[int, dict[str, Any]]:
    """What the queue shows of these posts: a CAT file's inline codes as the numbered tokens
    the review pane draws (`<1>`, `</1>`, `<2/>`: their placeholders are private-use characters
    no font draws), and whether each is `schedule_passed` (review/schedule.py)."""
    rows = core.store.queue.rows(rowids)
    zones = {name: core.batch(name)["timezone"] for name in {r["batch"] for r in rows.values()}}
    for row in rows.values():
        codes = row.pop("codes")
        if codes and codes != "{}" and row["text"]:
            row["text"] = tokened(row["text"], json.loads(codes))
        row["schedule_passed"] = schedule_passed(row, zones[row["batch"]])
    return rows


def fill_problem_counts(core: Core, limit: int = 500) -> int:
    """Compute the open-problem count of up to `limit` posts that have none yet (background
    work: the queue's "problems" column and filter read it). Returns how many were filled."""
    from .hints.collect import compiled_glossary, post_checks

    ids = core.store.queue.posts_without_problem_count(limit)
    if not ids:
        return 0
    logs = core.store.events.of_posts(ids)
    counts = {}
    from .workflow import fold

    for post_id in ids:
        post = fold(logs[post_id])
        glossary = compiled_glossary(core.store, post.source_lang, post.target_lang)
        checks = post_checks(post, glossary)[1]
        counts[post_id] = (sum(1 for c in checks if not c.dismissed and c.result.severity != "info"),
                           post.head)
    with core.store.write():
        core.store.queue.set_problem_counts(counts)
    return len(counts)
