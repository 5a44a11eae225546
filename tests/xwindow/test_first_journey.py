"""A reviewer's first minutes in the real window, keyboard only, with what works today: start,
approve-and-next with the shortcut, a rewrite typed and saved. The database is read after each
step. (Where the focus should land is the keyboard walk's business: test_keyboard_walk.py.)"""
from __future__ import annotations

import pytest

from .walk import Reader, approve, reach_rewrite


@pytest.mark.parametrize("screen", ["screen_1024x700", "screen_1600x1000"])
def test_approve_and_next_then_a_rewrite_by_keys(screen, request, reviewer_db, start_app, shots):
    screen = request.getfixturevalue(screen)
    app = start_app(screen, reviewer_db)
    assert app.state()["window"] == "MainWindow"
    with Reader(reviewer_db) as db:
        shown = app.key("ctrl+j")["external_id"]  # Review > Next post: the queue's first
        assert db.post(shown).state == "pending"
        for _ in range(3):
            after = approve(app, db)  # Approve and next (answering the question open errors ask)
            assert db.post(shown).state == "approved"
            assert db.post(shown).approved_by == "Tendai"
            assert after["external_id"] not in (None, shown)
            shown = after["external_id"]
        shots(app, "after-three-approvals")

        reach_rewrite(app)  # today: a dozen Shift+Tabs from the search box
        app.key("ctrl+a")
        app.type("Boreholes bring clean water to 12 villages.")
        app.key("ctrl+s")
        post = db.post(shown)
        assert post.current_revision.text == "Boreholes bring clean water to 12 villages."
        assert post.current_revision.author == "Tendai"
        assert post.state == "in_review"
        shots(app, "rewrite-saved")
    assert app.quit() == 0
