"""A memoQ XLIFF segment with two pairs of inline codes, in the real window at 1024×700, keys
only: find the post, type a rewrite, put the missing codes back with Ctrl+T, save, approve. The
focus and the database are read after each key. (The tokens themselves are drawn in the
screenshots: set REVIEW_DESK_TEST_SHOTS to keep them.)"""
from __future__ import annotations

from pathlib import Path

from review import Desk
from review.formats.placeholders import tokened
from tests.helpers import COORD, REVIEWER

from .harness import wait_until
from .walk import REWRITE, Reader, approve

MEMOQ = Path(__file__).resolve().parents[1] / "data" / "real-world-2" / "okapi_MQ-12-Test01_memoq.xlf"


def test_missing_codes_put_back_by_keys_then_approved(screen_1024x700, reviewer_db, start_app, shots):
    with Desk(reviewer_db) as desk:
        desk.import_batch(MEMOQ, actor=COORD, platform="facebook", target_lang="fr")
    app = start_app(screen_1024x700, reviewer_db)
    with Reader(reviewer_db) as db:
        post = db.post("15")
        assert tokened(post.draft.text, post.codes) == \
            "Select <1>Edit Root</1> in the <2>Input</2> menu (or the context menu),"
        app.key("ctrl+f")
        app.type("Edit Root")
        app.key("Return")  # the first post found is shown, the keyboard in its rewrite
        state = app.wait_for(lambda s: s["external_id"] is not None, "the post found")
        assert (state["external_id"], state["focus"]) == ("15", REWRITE)
        shots(app, "post-with-codes")

        def unfinished() -> str:
            saved = db.desk.unfinished(post.id, REVIEWER)
            return tokened(saved["text"], post.codes) if saved else ""

        typed = "Choisissez "
        assert app.type(typed)["focus"] == REWRITE
        for key, then in (("ctrl+t", "<1>"), (None, "Modifier la racine"), ("ctrl+t", "</1>"),
                          (None, " dans le menu "), ("ctrl+t", "<2>"), (None, "Saisie"),
                          ("ctrl+t", "</2>")):
            state = app.key(key) if key else app.type(then)
            assert state["focus"] == REWRITE, (key, state)
            typed += then
            wait_until(lambda: unfinished() == typed, 10, f"the autosave of {typed!r}")
        shots(app, "codes-put-back")
        state = app.key("ctrl+t")  # nothing is missing any more: the text stays as it is
        assert state["focus"] == REWRITE and state["modal"] is None
        assert app.type(",")["focus"] == REWRITE
        typed += ","
        wait_until(lambda: unfinished() == typed, 10, f"the autosave of {typed!r}")

        assert app.key("ctrl+s")["focus"] == REWRITE
        saved = db.post("15")
        assert tokened(saved.current_revision.text, post.codes) == \
            "Choisissez <1>Modifier la racine</1> dans le menu <2>Saisie</2>,"
        assert "placeholders" not in [c.result.id for c in db.hints("15").checks]
        # the rewrite copied, codes and all (the clipboard and X's selection hold it as the
        # process ends: it must still end cleanly)
        assert app.key("ctrl+a", "ctrl+c")["focus"] == REWRITE
        assert app.key("End")["focus"] == REWRITE
        approve(app, db)
        approved = db.post("15")
        assert approved.state == "approved" and approved.approved_by == "Tendai"
        assert approved.current_text == saved.current_revision.text  # each code once, in place
        shots(app, "approved")
    assert app.quit() == 0
