"""Round trips: work package -> reviewers' laptops -> results packages -> the coordinator's merge."""
from __future__ import annotations

import json
import zipfile

import pytest

from review import ReviewError, TransitionRefused
from review.errors import ImportFailed, InvalidInput
from tests.exchange.support import RUDO, TENDAI, coordinator_laptop, reviewer_laptop, snapshot
from review.model import MemoryUnit
from review.signing import signature_valid
from tests.helpers import COORD, REVIEWER


@pytest.fixture
def laptops(tmp_path):
    coord, ids = coordinator_laptop(tmp_path)
    work = tmp_path / "zw-work.rdpack"
    coord.make_work_package("zw", work, COORD, reviewer="Tendai")
    tendai = reviewer_laptop(tmp_path, "tendai", work)
    rudo = reviewer_laptop(tmp_path, "rudo", work)
    yield coord, tendai, rudo, ids, tmp_path
    for desk in (coord, tendai, rudo):
        desk.close()


def test_a_work_package_gives_the_reviewer_everything_needed(laptops):
    coord, tendai, _rudo, ids, _ = laptops
    assert snapshot(tendai)["posts"] == snapshot(coord)["posts"]
    assert tendai.batch("zw")["timezone"] == "Africa/Harare"
    assert [g["name"] for g in tendai.store.glossaries.list()] == ["aid"]  # not the en>de one
    assert tendai.store.glossaries.entries("aid")[0].note == "a province"
    assert [(u.source_text, u.target_text) for u in tendai.store.memory.units()] == [("打井", "drill a borehole")]
    assert {r["assignee"] for r in tendai.posts(batch="zw")} == {"Tendai"}  # --for assigned them
    hints = tendai.hints(ids["ZW-1"])  # hints work offline from what the package brought
    assert [t.term for t in hints.glossary.terms] == ["马斯温戈"]


def test_pack_work_for_a_reviewer_needs_a_coordinator(laptops):
    coord, *_rest, tmp_path = laptops
    with pytest.raises(TransitionRefused, match="work packages are made by a coordinator"):
        coord.make_work_package("zw", tmp_path / "x.rdpack", REVIEWER, reviewer="Rudo")
    assert not (tmp_path / "x.rdpack").exists()


def test_manifest_lists_every_member_with_checksum_and_counts(laptops):
    *_rest, tmp_path = laptops
    with zipfile.ZipFile(tmp_path / "zw-work.rdpack") as zf:
        manifest = json.loads(zf.read("manifest.json"))
        assert set(zf.namelist()) == {"manifest.json", "manifest.sig", *manifest["members"]}
        signature = zf.read("manifest.sig").decode()
        assert signature_valid(manifest["signer"], zf.read("manifest.json"), signature)
    assert manifest["format"] == "review-desk-package" and manifest["version"] == 2
    assert set(manifest["members"]) == {"events.jsonl", "glossaries.jsonl", "memory.jsonl"}
    assert len(manifest["enrolment"]) == 64 and manifest["signer"] != manifest["enrolment"]
    assert manifest["kind"] == "work" and manifest["batch"] == "zw"
    assert manifest["creator"] == {"name": "Chipo", "role": "coordinator"}
    assert manifest["counts"]["posts"] == 3 and manifest["counts"]["glossaries"] == 1
    assert manifest["for_reviewer"] == "Tendai"
    assert all(len(m["sha256"]) == 64 and m["size"] > 0 for m in manifest["members"].values())


def test_round_trip_merges_two_reviewers_work(laptops):
    coord, tendai, rudo, ids, tmp_path = laptops
    tendai.decide(ids["ZW-1"], TENDAI, "approve")
    rudo.rewrite(ids["ZW-2"], RUDO, "We drilled 12 boreholes in Masvingo.", "我们打了12眼井。")
    rudo.annotate(ids["ZW-3"], RUDO, start=0, end=2, category="terminology", severity="major",
                  comment="say borehole")
    tendai.make_results_package("zw", tmp_path / "t.rdpack", TENDAI)
    made = rudo.make_results_package("zw", tmp_path / "r.rdpack", RUDO)
    assert made.events == 4  # opened + rewrite on ZW-2, opened + annotation on ZW-3: not the whole log

    coord.import_package(tmp_path / "t.rdpack")
    done = coord.import_package(tmp_path / "r.rdpack")
    assert done.events_added == 4 and done.conflicts == []
    states = {r["external_id"]: (r["state"], r["current_text"]) for r in coord.posts(batch="zw")}
    assert states["ZW-1"][0] == "approved"
    assert states["ZW-2"] == ("in_review", "We drilled 12 boreholes in Masvingo.")
    assert coord.post(ids["ZW-3"]).annotations
    assert coord.posts_out_of_step() == []
    # The coordinator's next work package carries the merged work back to everyone.
    coord.make_work_package("zw", tmp_path / "w2.rdpack", COORD)
    tendai.import_package(tmp_path / "w2.rdpack")
    assert snapshot(tendai)["posts"] == snapshot(coord)["posts"]


def test_importing_a_package_twice_changes_nothing(laptops):
    coord, tendai, _rudo, ids, tmp_path = laptops
    tendai.decide(ids["ZW-1"], TENDAI, "reject", "off-message for Masvingo")
    tendai.make_results_package("zw", tmp_path / "t.rdpack", TENDAI)
    coord.import_package(tmp_path / "t.rdpack")
    before = snapshot(coord)
    again = coord.import_package(tmp_path / "t.rdpack")
    assert (again.events_added, again.events_known, again.posts_changed) == (0, 2, 0)
    assert snapshot(coord) == before


def test_results_hold_only_what_was_done_on_that_laptop(laptops):
    coord, tendai, _rudo, ids, tmp_path = laptops
    with pytest.raises(ReviewError, match="nothing to return"):
        tendai.make_results_package("zw", tmp_path / "t.rdpack", TENDAI)
    with pytest.raises(ReviewError, match="no work package for batch zw was imported"):
        coord.make_results_package("zw", tmp_path / "c.rdpack", COORD)
    tendai.decide(ids["ZW-2"], TENDAI, "approve")
    tendai.make_results_package("zw", tmp_path / "t.rdpack", TENDAI)
    with zipfile.ZipFile(tmp_path / "t.rdpack") as zf:
        events = [json.loads(line) for line in zf.read("events.jsonl").decode().splitlines()]
        manifest = json.loads(zf.read("manifest.json"))
    assert [e["kind"] for e in events] == ["post.opened", "post.approved"]
    assert manifest["kind"] == "results"
    assert manifest["base_package"] == tendai.store.packages.list(kind="work")[0]["id"]


def test_results_without_their_work_package_are_refused(laptops, tmp_path_factory):
    _coord, tendai, _rudo, ids, tmp_path = laptops
    tendai.decide(ids["ZW-1"], TENDAI, "approve")
    tendai.make_results_package("zw", tmp_path / "t.rdpack", TENDAI)
    from review import Desk

    with Desk(tmp_path_factory.mktemp("other") / "other.sqlite3") as other:
        with pytest.raises(ImportFailed, match="never imported here"):
            other.import_package(tmp_path / "t.rdpack")
        assert other.store.events.count() == 0


def test_every_package_import_makes_a_backup_first(laptops):
    coord, tendai, _rudo, ids, tmp_path = laptops
    tendai.decide(ids["ZW-1"], TENDAI, "approve")
    tendai.make_results_package("zw", tmp_path / "t.rdpack", TENDAI)
    before = len(coord.store.backups.files())
    coord.import_package(tmp_path / "t.rdpack")
    backups = coord.store.backups.files()
    assert len(backups) == before + 1 and "package-import" in backups[-1].name


def test_a_package_file_must_end_in_rdpack(laptops):
    coord, *_rest, tmp_path = laptops
    with pytest.raises(InvalidInput, match=r"\.rdpack"):
        coord.make_work_package("zw", tmp_path / "zw.zip", COORD)


def test_a_refused_out_path_assigns_nothing(tmp_path):
    coord, _ids = coordinator_laptop(tmp_path)
    with pytest.raises(InvalidInput, match="a package file ends in .rdpack"):
        coord.make_work_package("zw", tmp_path / "for-rudo.zip", COORD, reviewer="Rudo")
    assert {r["assignee"] for r in coord.posts(batch="zw")} == {None}
    coord.close()


def test_a_package_that_cannot_be_written_assigns_nothing(tmp_path, monkeypatch):
    from review import exchange

    coord, _ids = coordinator_laptop(tmp_path)
    events = coord.store.events.count()

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(exchange, "write_package", full_disk)
    with pytest.raises(ReviewError, match="No space left on device; nothing was written"):
        coord.make_work_package("zw", tmp_path / "for-rudo.rdpack", COORD, reviewer="Rudo")
    assert {r["assignee"] for r in coord.posts(batch="zw")} == {None}
    assert coord.store.events.count() == events
    coord.close()


def test_a_package_too_large_to_import_is_not_made(tmp_path, monkeypatch):
    from review.formats import package_file

    coord, _ids = coordinator_laptop(tmp_path)
    monkeypatch.setattr(package_file, "MAX_TOTAL_BYTES", 1000)
    with pytest.raises(ReviewError, match="cannot make big.rdpack: it unpacks to .* more than the "
                                          "1,000 bytes a package may hold.*nothing was written"):
        coord.make_work_package("zw", tmp_path / "big.rdpack", COORD, reviewer="Rudo")
    assert not (tmp_path / "big.rdpack").exists()
    assert {r["assignee"] for r in coord.posts(batch="zw")} == {None}
    coord.close()


def test_texts_with_unicode_line_separators_travel_both_ways(tmp_path):
    """JSON keeps U+2028, U+0085 and the like as they are inside strings; the package's lines
    are split at newlines only, so such a text no longer makes its batch's packages refused."""
    coord, ids = coordinator_laptop(tmp_path)
    text = "Line one\u2028line two\x85three\x1cfour"
    coord.rewrite(ids["ZW-1"], REVIEWER, text)
    with coord.store.write():
        coord.store.memory.add_units([MemoryUnit("zh-CN", "en", "第一\u2029第二", "one\u2029two", "x.tmx")])
    coord.make_work_package("zw", tmp_path / "work.rdpack", COORD)
    tendai = reviewer_laptop(tmp_path, "tendai", tmp_path / "work.rdpack")
    assert tendai.post(ids["ZW-1"]).current_text == text
    assert ("第一\u2029第二", "one\u2029two") in [(u.source_text, u.target_text) for u in tendai.store.memory.units()]
    tendai.decide(ids["ZW-1"], TENDAI, "approve")
    tendai.make_results_package("zw", tmp_path / "results.rdpack", TENDAI)
    coord.import_package(tmp_path / "results.rdpack")
    assert coord.post(ids["ZW-1"]).state == "approved"
    assert coord.post(ids["ZW-1"]).current_text == text
    for desk in (coord, tendai):
        desk.close()


def test_an_approval_after_two_identical_rewrites_merged_is_accepted(laptops):
    """No false alarm: the same rewrite on two laptops, merged, then approved on one of them."""
    coord, tendai, rudo, ids, tmp_path = laptops
    pid = ids["ZW-1"]
    for desk, who in ((tendai, TENDAI), (rudo, RUDO)):
        desk.rewrite(pid, who, "We drilled 12 boreholes in Masvingo.")
        desk.make_results_package("zw", tmp_path / f"{who.name}.rdpack", who)
        coord.import_package(tmp_path / f"{who.name}.rdpack")
    assert coord.post(pid).state == "in_review"
    coord.make_work_package("zw", tmp_path / "again.rdpack", COORD)
    tendai.import_package(tmp_path / "again.rdpack")
    tendai.decide(pid, TENDAI, "approve")
    tendai.make_results_package("zw", tmp_path / "approved.rdpack", TENDAI)
    coord.import_package(tmp_path / "approved.rdpack")
    post = coord.post(pid)
    assert (post.state, post.current_text) == ("approved", "We drilled 12 boreholes in Masvingo.")


def test_a_laptop_lists_a_work_package_s_posts_in_the_order_of_hq_s_file(tmp_path):
    """Issue 14, a new reviewer: the posts of a memoQ file (a help page, headings before their
    paragraphs) came to the laptop last unit first, because the package's posts were stored in
    the order of their random ids. Now in the order the coordinator's desk holds them."""
    coordinator, _ = coordinator_laptop(tmp_path, posts=30)
    package = tmp_path / "zw.rdpack"
    coordinator.make_work_package("zw", package, COORD)
    laptop = reviewer_laptop(tmp_path, "Tendai", package)
    order = [p["external_id"] for p in coordinator.posts(batch="zw")]
    assert order == [f"ZW-{n}" for n in range(1, 31)]
    assert [p["external_id"] for p in laptop.posts(batch="zw")] == order
