"""The review report: figures per reviewer and per day, and a self-contained, escaped HTML file."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from review import Actor, ReviewError
from review.charts import stacked_bars
from review.importing import import_drafts
from review.report import gather
from review.report_html import render, write_report
from tests.helpers import COORD, REVIEWER, draft

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
LI = Actor("李伟", "reviewer")


@pytest.fixture
def reviewed(desk, batch):
    """Batch zw: ZW-001 rewritten with hostile text and approved, ZW-002 rejected by 李伟,
    ZW-003 approved then the approval undone (so not a decision any more)."""
    one, two, three = batch["ZW-001"], batch["ZW-002"], batch["ZW-003"]
    desk.annotate(one, REVIEWER, start=13, end=24, revision=0, category="terminology",
                  severity="major", comment="say <b>boreholes</b>")
    desk.rewrite(one, REVIEWER, "We drilled 12 boreholes. " + HOSTILE, back_translation="我们打了12眼钻井。")
    desk.decide(one, REVIEWER, "approve")
    desk.decide(two, LI, "reject", reason="<i>off-message</i>")
    desk.decide(three, REVIEWER, "approve")
    desk.undo(three, REVIEWER)
    return one, two, three


def test_reviewer_figures_count_live_decisions_rewrites_and_annotations(desk, reviewed):
    data = gather(desk, "zw")
    people = {r.name: r for r in data.reviewers}
    assert set(people) == {"Tendai", "李伟"}
    assert people["Tendai"].decisions == {"approved": 1}  # the undone approval is not counted
    assert (people["Tendai"].rewrites, people["Tendai"].annotations, people["Tendai"].decided) == (1, 1, 1)
    assert people["李伟"].decisions == {"rejected": 1}
    assert sum(n for _, n in data.per_day) == 2
    assert data.states == {"approved": 1, "rejected": 1, "in_review": 1}


def test_days_run_from_first_to_last_decision_in_the_batch_time_zone(desk, batch):
    from review.report import Decision, _per_day

    # 23:30 UTC is already the next day in Harare (UTC+2).
    decisions = {"p": [("p", Decision("approved", "T", "2026-03-01T23:30:00Z", None)),
                       ("p", Decision("approved", "T", "2026-03-04T08:00:00Z", None))]}
    assert _per_day(decisions, "Africa/Harare") == [
        ("2026-03-02", 1), ("2026-03-03", 0), ("2026-03-04", 1)]
    assert _per_day(decisions, "UTC")[0] == ("2026-03-01", 1)


def test_user_text_is_escaped_everywhere(desk, reviewed):
    page = render(gather(desk, "zw"))
    assert "<script>" not in page and "<img" not in page and "<b>boreholes" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;i&gt;off-message&lt;/i&gt;" in page  # the reason
    assert "say &lt;b&gt;boreholes&lt;/b&gt;" in page  # the annotation's comment


def test_an_approval_despite_open_errors_says_which(desk):
    long_text = "We drilled 12 water wells. " * 12 + HOSTILE
    import_drafts(desk, [draft("X-1", platform="x", draft_text=long_text)], "gate", actor=COORD)
    post_id = desk.store.posts.ids_by_external("gate")["X-1"]
    desk.decide(post_id, REVIEWER, "approve", despite_findings=True)
    data = gather(desk, "gate")
    (post,) = data.posts
    assert [item.split(":")[0] for item in post.approved_despite] == ["length@target"]
    page = render(data)
    assert "approved despite 1 open error: length@target:" in page
    desk.decide(post_id, REVIEWER, "reopen", "a second look")
    assert gather(desk, "gate").posts[0].approved_despite == (), "reopened: no approval in force"


def test_report_is_self_contained(desk, reviewed):
    page = render(gather(desk, "zw"))
    assert not re.search(r"<(link|script|img|iframe|object|embed)\b", page, re.I)
    for value in re.findall(r'\b(?:src|href)\s*=\s*"([^"]*)"', page, re.I):
        assert not re.match(r"(https?:)?//", value), value
    assert "@import" not in page and "url(" not in page
    assert page.count("<svg") == 3  # errors, reviewers, days


def test_texts_carry_their_language_and_the_difference_is_marked(desk, reviewed):
    page = render(gather(desk, "zw"))
    assert 'lang="zh-CN">' in page and '<div lang="en">' in page
    assert "<del>water wells in Masvingo province.</del>" in page or "<del>water wells" in page
    assert "<ins>boreholes." in page
    assert "我们打了12眼钻井。" in page  # the back-translation
    assert "Rejected</b> by 李伟" in page


def test_charts_are_valid_svg_with_escaped_labels():
    chart = stacked_bars("Decisions by reviewer", [("<Chipo & 李伟>", [2, 1])],
                         [("approved", "#2b8a3e"), ("rejected", "#c92a2a")])
    root = ET.fromstring(chart)  # well-formed XML, as QtSvg needs it
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "<Chipo & 李伟>" in texts and "3" in texts
    assert len(root.findall("{http://www.w3.org/2000/svg}rect")) == 1 + 2 + 2  # background, legend, bars


def test_the_whole_database_or_an_unknown_batch(desk, reviewed):
    import_drafts(desk, [draft("CD-1")], "cd", actor=COORD)
    assert len(gather(desk, None).posts) == 4
    assert gather(desk, None).time_zone == "UTC"
    with pytest.raises(ReviewError, match="no batch 'nope'"):
        gather(desk, "nope")


def test_report_is_written_whole_or_not_at_all(desk, reviewed, tmp_path, monkeypatch):
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "report.html"
    result = write_report(desk, "zw", out)
    assert result.posts == 3 and result.scored == 2
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    before = out.read_bytes()
    desk.decide(reviewed[2], REVIEWER, "approve")  # the next report differs

    import review.formats.atomic as atomic

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", full_disk)
    with pytest.raises(ReviewError, match="cannot write .*No space left"):
        write_report(desk, "zw", out)
    assert out.read_bytes() == before
    assert [p.name for p in folder.iterdir()] == ["report.html"]  # no temporary file left


def test_a_cancelled_report_writes_nothing(desk, reviewed, tmp_path):
    from review import Cancelled

    with pytest.raises(Cancelled):
        write_report(desk, "zw", tmp_path / "r.html", should_stop=lambda: True)
    assert not (tmp_path / "r.html").exists()


def test_decisions_a_conflict_resolution_set_aside_are_not_counted(tmp_path):
    from tests.exchange.support import RUDO, TENDAI, coordinator_laptop, reviewer_laptop

    coord, ids = coordinator_laptop(tmp_path)
    coord.make_work_package("zw", tmp_path / "work.rdpack", COORD)
    pid = ids["ZW-1"]
    for name, act in (("tendai", lambda d: d.decide(pid, TENDAI, "approve")),
                      ("rudo", lambda d: d.rewrite(pid, RUDO, "We drilled 12 boreholes."))):
        with reviewer_laptop(tmp_path, name, tmp_path / "work.rdpack") as laptop:
            act(laptop)
            made = laptop.make_results_package("zw", tmp_path / f"{name}.rdpack", Actor(name.title()))
        coord.import_package(made.path)
    assert gather(coord, "zw").reviewers[0].decisions == {"approved": 1}  # in conflict: both stand
    rewrite = next(b for b in coord.post_conflict(pid).branches if b.post.has_rewrite)
    coord.resolve_conflict(pid, rewrite.tip, COORD)
    data = gather(coord, "zw")
    post = next(p for p in data.posts if p.row["id"] == pid)
    assert post.decision is None and post.score is None  # Tendai's approval was set aside
    assert all(not r.decisions for r in data.reviewers) and data.per_day == []
    coord.close()
