"""Hints for a text being typed, before it is saved: `Desk.hints(post_id, text=...)`."""
from __future__ import annotations

from review.importing import import_drafts
from tests.helpers import COORD, REVIEWER, draft

LONG = "We drilled 12 water wells in Masvingo province. " * 8


def ids_of(shown):
    return sorted(c.result.id for c in shown.checks)


def test_hints_follow_an_unsaved_text_and_store_nothing(desk):
    import_drafts(desk, [draft("X-1", platform="x")], "live", actor=COORD)
    pid = desk.store.posts.ids_by_external("live")["X-1"]
    events = len(desk.history(pid))
    saved = desk.hints(pid)
    assert saved.checked == "draft" and "length" not in ids_of(saved)
    typed = desk.hints(pid, text=LONG)
    assert typed.checked == "rewrite" and "length" in ids_of(typed)
    assert typed.length["count"] == len(LONG.strip()) and typed.length["limit"] == 280
    assert "number-missing" not in ids_of(typed)
    assert "number-missing" in ids_of(desk.hints(pid, text="We drilled water wells in Masvingo."))
    assert len(desk.history(pid)) == events and not desk.post(pid).has_rewrite


def test_the_saved_text_or_nothing_checks_the_post_as_stored(desk):
    import_drafts(desk, [draft("X-2", platform="x")], "live", actor=COORD)
    pid = desk.store.posts.ids_by_external("live")["X-2"]
    desk.rewrite(pid, REVIEWER, LONG)
    (finding,) = [c for c in desk.hints(pid).checks if c.result.id == "length"]
    desk.dismiss_check(pid, REVIEWER, finding.key, "HQ splits it into a thread")
    for text in (None, "", "  ", LONG + "  \n"):
        (shown,) = [c for c in desk.hints(pid, text=text).checks if c.result.id == "length"]
        assert shown.dismissed and shown.dismissed["reason"] == "HQ splits it into a thread"
    (shown,) = [c for c in desk.hints(pid, text=LONG + " More.").checks if c.result.id == "length"]
    assert shown.dismissed is None, "a changed text must be looked at again"
