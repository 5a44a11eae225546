"""Issue 15's small wrong words, each as it was found and as it reads now."""
from __future__ import annotations

import pytest

from review import Desk, ReviewError
from review.errors import InvalidInput, TransitionRefused
from review.texts import said
from tests.cli.runner import SAMPLE, run
from tests.exchange.support import RUDO, TENDAI, coordinator_laptop, reviewer_laptop
from tests.helpers import COORD, REVIEWER

ZW = "zimbabwe-boreholes"  # requires sign-off


@pytest.fixture
def sample(tmp_path):
    desk = Desk(tmp_path / "d.sqlite3")
    desk.load_sample(COORD)
    yield desk
    desk.close()


def first(desk: Desk, batch: str = ZW) -> str:
    return desk.posts(batch=batch)[0]["id"]


def test_signing_off_an_approved_hq_draft_says_it_needs_none(sample):
    post = first(sample)
    sample.decide(post, REVIEWER, "approve", despite_findings=True)
    assert sample.post(post).state == "approved"  # HQ's draft, no rewrite: no sign-off
    with pytest.raises(TransitionRefused) as refused:
        sample.decide(post, COORD, "signoff")
    assert str(refused.value) == (f"post {post} is approved and needs no sign-off: HQ's draft was "
                                  "approved as it is, and only an approved rewrite waits for one")
    assert "reopen" not in str(refused.value)


def test_signing_off_twice_says_who_did(sample):
    post = first(sample)
    sample.rewrite(post, REVIEWER, "Twelve boreholes were handed over today.")
    sample.decide(post, REVIEWER, "approve", despite_findings=True)
    sample.decide(post, COORD, "signoff")
    with pytest.raises(TransitionRefused, match=f"post {post} is approved; Chipo signed it off already"):
        sample.decide(post, COORD, "signoff")


def test_signing_off_in_a_batch_without_sign_off_says_so(sample):
    post = first(sample, "chengdu-hitech-zone")
    sample.decide(post, REVIEWER, "approve", despite_findings=True)
    with pytest.raises(TransitionRefused, match="does not require sign-off"):
        sample.decide(post, COORD, "signoff")


def test_a_reversed_span_is_not_called_outside(sample):
    with pytest.raises(InvalidInput) as refused:
        sample.annotate(first(sample), REVIEWER, start=5, end=2, category="style", severity="minor")
    assert str(refused.value) == ("span 5-2 is empty or reversed: the end (the character after "
                                  "the span) must be greater than the start")


@pytest.fixture
def conflict(tmp_path):
    coord, ids = coordinator_laptop(tmp_path)
    coord.make_work_package("zw", tmp_path / "w.rdpack", COORD)
    tendai = reviewer_laptop(tmp_path, "tendai", tmp_path / "w.rdpack")
    rudo = reviewer_laptop(tmp_path, "rudo", tmp_path / "w.rdpack")
    pid = ids["ZW-1"]
    tendai.decide(pid, TENDAI, "approve", despite_findings=True)
    rudo.rewrite(pid, RUDO, "We drilled 12 boreholes.")
    for desk, actor in ((tendai, TENDAI), (rudo, RUDO)):
        desk.make_results_package("zw", tmp_path / f"{actor.name}.rdpack", actor)
        coord.import_package(tmp_path / f"{actor.name}.rdpack")
    assert coord.post(pid).state == "conflict"
    yield coord, pid
    for desk in (coord, tendai, rudo):
        desk.close()


def test_a_post_in_conflict_is_said_to_be_in_conflict(conflict):
    coord, pid = conflict
    with pytest.raises(TransitionRefused) as refused:
        coord.rewrite(pid, COORD, "Another text.")
    assert f"post {pid}: it is in conflict;" in str(refused.value)
    assert "it is conflict" not in str(refused.value)


def test_a_too_short_event_prefix_says_how_many_characters(conflict):
    coord, pid = conflict
    tip = coord.post_conflict(pid).branches[0].tip
    with pytest.raises(InvalidInput) as refused:
        coord.resolve_conflict(pid, tip[:4], COORD)
    said_ = str(refused.value)
    assert said_.startswith(f"--keep '{tip[:4]}' has 4 characters; give at least the first 6 "
                            "characters of an event id, one of: ")
    assert "is not an event" not in said_
    assert coord.resolve_conflict(pid, tip[:6], COORD).state != "conflict"


def test_counted_nouns_are_singular_for_one():
    assert said("events-from-elsewhere", count=1, first="e1").startswith(
        "1 event of this results package was not made")
    assert said("events-from-elsewhere", count=2, first="e1").startswith("2 events of")


def test_a_folder_given_as_a_file_is_called_a_folder(tmp_path):
    db = tmp_path / "d.sqlite3"
    (tmp_path / "hq").mkdir()
    for args in (("import", str(tmp_path / "hq")),
                 ("glossary", "import", str(tmp_path / "hq"), "--source", "en", "--target", "sn")):
        done = run(db, *args)
        assert done.returncode == 2
        assert f"{tmp_path / 'hq'}: cannot open it: it is a folder, not a file" in done.stderr
        assert "extension" not in done.stderr


def test_a_missing_output_folder_is_said_plainly_by_every_command(tmp_path):
    db = tmp_path / "d.sqlite3"
    assert run(db, "import", str(SAMPLE), "--batch", "zw").returncode == 0
    assert run(db, "sample").returncode == 0
    post = run(db, "posts", "--batch", "zw", "--json").stdout.split('"id": "')[1][:10]
    assert run(db, "decide", post, "approve", "--as", "T", "--despite-findings").returncode == 0
    missing = tmp_path / "nowhere"
    for args in (("export", "--batch", "zw", "--out", str(missing / "x.csv")),
                 ("report", "--batch", "zw", "--out", str(missing / "r.html")),
                 ("glossary", "export", "--name", "en_sn.aid-project.starter", "--out",
                  str(missing / "g.csv")),
                 ("tm", "export", "--out", str(missing / "m.tmx")),
                 ("pack", "work", "--batch", "zw", "--out", str(missing / "w.rdpack"))):
        done = run(db, *args)
        assert done.returncode == 2, (args, done)
        assert f"there is no folder {missing}; create it, or choose another place" in done.stderr
        assert "disk space" not in done.stderr and "No such file" not in done.stderr
    assert not missing.exists()


def test_one_glossary_is_one_glossary(tmp_path):
    """The package summaries count glossaries with the right noun ("1 glossaries" was seen)."""
    from review.termbases import import_starter_glossaries

    with Desk(tmp_path / "c.sqlite3") as coord, Desk(tmp_path / "l.sqlite3") as laptop:
        coord.load_sample(COORD)
        import_starter_glossaries(coord)
        made = coord.make_work_package("chengdu-hitech-zone", tmp_path / "w.rdpack", COORD)
        assert made.glossaries == 1 and ", 1 glossary, " in made.summary()
        done = laptop.import_package(tmp_path / "w.rdpack")
        assert done.glossaries == 1 and ", 1 glossary, " in done.summary()
