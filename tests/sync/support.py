"""HQ's desk and offices' laptops on one test server."""
from __future__ import annotations

from pathlib import Path

from review import Actor, Desk
from review.importing import import_drafts
from review.sync import admin
from tests.helpers import COORD, draft

BATCH = "zw"


def hq_desk(folder: Path, url: str, posts: int = 3, batch: str = BATCH) -> tuple[Desk, dict[str, str]]:
    """HQ's desk, with a batch imported from HQ's file, on a server set up and synced once."""
    admin.init(url)
    desk = Desk(folder / "hq.sqlite3", daily_backup=False)
    import_drafts(desk, [draft(f"ZW-{n}") for n in range(1, posts + 1)], batch, actor=COORD,
                  timezone="Africa/Harare")
    desk.sync(url)
    return desk, desk.store.posts.ids_by_external(batch)


def office_laptop(folder: Path, hq_url: str, office: str, *batches: str) -> tuple[Desk, str]:
    """An office added on the server, granted `batches`, and a laptop that synced once."""
    url = admin.add_office(hq_url, office).url
    for batch in batches:
        admin.grant(hq_url, office, batch)
    desk = Desk(folder / f"{office}.sqlite3", daily_backup=False)
    desk.sync(url)
    return desk, url


def state_of(desk: Desk) -> dict:
    """What must be the same on every desk after syncing: posts (state, texts, who), the
    revisions and annotations, every event id, the posts in conflict."""
    store = desk.store
    posts = {r["id"]: {k: v for k, v in r.items() if k not in ("problems", "problems_basis")}
             for r in store.posts.rows()}
    revisions = sorted(tuple(r.values()) for r in store.db.query(
        "SELECT id, post_id, number, kind, text, author, withdrawn FROM revisions"))
    annotations = sorted(tuple(r.values()) for r in store.db.query(
        "SELECT id, post_id, revision_id, status FROM annotations"))
    events = sorted(e.id for e in store.events.all())
    conflicts = sorted(r["id"] for r in desk.conflicts())
    return {"posts": posts, "revisions": revisions, "annotations": annotations,
            "events": events, "conflicts": conflicts}


def reviewer(name: str) -> Actor:
    return Actor(name, "reviewer")
