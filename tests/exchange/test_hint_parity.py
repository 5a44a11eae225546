"""A reviewer's laptop shows, for every post of a work package, the hints the coordinator's desk
shows: glossary matches (those of other source languages into the post's target language too),
memory matches and their scores and order, languages, checks and dismissals, length. Compared as
whole structures, on a fresh laptop, on a laptop holding several batches, and round after round
(issue 11, item 2)."""
from __future__ import annotations

from pathlib import Path

import pytest

from review import Actor, Desk
from review.formats.tmx_files import write_tmx
from review.importing import import_drafts
from review.model import MemoryUnit
from review.termbases import import_glossary, import_memory, import_starter_glossaries
from tests.helpers import COORD, draft

SAMPLE = ("zimbabwe-boreholes", "chengdu-hitech-zone")
PARITY = "zw-parity"
TENDAI = Actor("Tendai")
ZW_001 = "今天，中国援津巴布韦打井项目在马斯温戈省奇维区完成了首批12眼钻井。每眼钻井都安装了布什泵，可为约300人提供安全饮用水。#ZWBoreholes1000"
ZW_025 = "奇维区的12眼钻井已全部移交社区。感谢姆汉达拉酋长、各位村长和水点委员会的支持！#ZWBoreholes1000"
PA_SOURCE = ZW_001.replace("12", "14")


def hints_of(desk: Desk, batch: str) -> dict[str, dict]:
    """Every post's hints as `review-desk hints --json` prints them, by external id."""
    return {row["external_id"]: desk.hints(row["id"]).to_json() for row in desk.posts(batch=batch)}


def assert_same_hints(laptop: Desk, coordinator: Desk, batch: str) -> None:
    here, there = hints_of(laptop, batch), hints_of(coordinator, batch)
    assert here.keys() == there.keys()
    for external_id, hints in there.items():
        assert here[external_id] == hints, f"{batch} {external_id}"


def parity_batch(desk: Desk, folder: Path) -> dict[str, str]:
    """A batch whose hints come from everywhere they can: a TMX memory (region variants of the
    posts' languages, and a unit with the same source as an approved post, so the two tie), a
    glossary of region-tagged languages, an approved post's unit feeding its neighbours, an
    approved post of another batch, a dismissed finding."""
    drafts = [
        draft("PA-1", source_lang="zh-CN", target_lang="en", source_text=PA_SOURCE,
              draft_text="The project completed its first 14 boreholes in Chivi."),
        draft("PB-1", source_lang="zh-Hans", target_lang="en-GB", source_text=ZW_001.replace("12", "16"),
              draft_text="Sixteen wells were finished in Chivi District, Masvingo Province."),
        draft("PC-1", source_lang="zh-CN", target_lang="sn", source_text=ZW_025.replace("12", "13"),
              draft_text="Bhodhoro 13 remuChivi ratambidzwa kunharaunda. #ZWBoreholes1000"),
        draft("PD-1", source_lang="en-GB", target_lang="sn",
              source_text="The borehole in Chivi gives safe drinking water to 300 people.",
              draft_text="Bhodhoro riri muChivi rinopa mvura kuvanhu 300."),
        draft("PE-1", source_lang="zh-CN", target_lang="en", source_text=PA_SOURCE,
              draft_text="The first 14 boreholes in Chivi are done."),
    ]
    import_drafts(desk, drafts, PARITY, actor=COORD, timezone="Africa/Harare")
    tmx = folder / "hq-memory.tmx"
    write_tmx(tmx, [
        MemoryUnit("zh-CN", "en", PA_SOURCE, "Fourteen boreholes were completed in Chivi.", "hq"),
        MemoryUnit("zh-Hans", "en-GB", ZW_001.replace("12", "15"), "Fifteen boreholes in Chivi.", "hq"),
        MemoryUnit("zh-CN", "sn", ZW_025.replace("12", "11"), "Zvibhorani 11 zvemuChivi.", "hq"),
        MemoryUnit("en", "sn", "The borehole in Chivi gives safe drinking water to 200 people.",
                   "Chibhorani chiri muChivi chinopa mvura yakachena kuvanhu 200.", "hq"),
        MemoryUnit("zh-CN", "de", PA_SOURCE, "Vierzehn Brunnen in Chivi.", "hq"),  # another pair
    ] + [MemoryUnit("zh-CN", "en", PA_SOURCE, f"Zone {n}: fourteen boreholes.", "hq") for n in range(5)])
    import_memory(desk, tmx)
    # Two glossaries name the same term; the one imported last comes first by name.
    glossary = folder / "zh-Hans_en-GB.csv"
    glossary.write_text("source,target,status,note\n奇维区,Chivi District,preferred,a district\n"
                        "布什泵,Bush pump,preferred,the pump's name\n", encoding="utf-8")
    import_glossary(desk, glossary, source="zh-Hans", target="en-GB", name="zh-Hans_en-GB")
    districts = folder / "districts.csv"
    districts.write_text("source,target,status,note\n奇维区,Chivi,preferred,short form\n", encoding="utf-8")
    import_glossary(desk, districts, source="zh-CN", target="en", name="aid-districts")
    ids = desk.store.posts.ids_by_external(PARITY)
    desk.decide(ids["PA-1"], COORD, "approve")  # its unit feeds PB's and PE's memory hints
    zimbabwe = desk.store.posts.ids_by_external("zimbabwe-boreholes")
    desk.decide(zimbabwe["ZW-001"], COORD, "approve")  # another batch's unit feeds PB's
    forbidden = next(c for c in desk.hints(ids["PC-1"]).checks if c.result.id == "forbidden-term")
    desk.dismiss_check(ids["PC-1"], COORD, forbidden.key, "a place name here, not the word")
    return ids


@pytest.fixture
def coordinator(tmp_path):
    with Desk(tmp_path / "coordinator.sqlite3") as desk:
        desk.load_sample()
        import_starter_glossaries(desk)
        parity_batch(desk, tmp_path)
        yield desk


def work_package(coordinator: Desk, batch: str, folder: Path, name: str = "work") -> Path:
    out = folder / f"{batch}-{name}.rdpack"
    coordinator.make_work_package(batch, out, COORD, reviewer="Tendai")
    return out


def test_the_scenario_feeds_hints_from_every_source(coordinator):
    """The comparisons below mean something only if the coordinator's hints use all of it."""
    hints = hints_of(coordinator, PARITY)
    assert {t["text"] for t in hints["PC-1"]["glossary"]["target"]} == {"bhodhoro", "nharaunda"}  # en>sn glossary (nharaunda in kunharaunda)
    assert any(c["dismissed"] for c in hints["PC-1"]["checks"])
    origins = [m["origin"] for m in hints["PB-1"]["memory"]]
    assert {"hq-memory.tmx"} < set(origins) and any(o.startswith("post:") for o in origins)
    # Seven units tie at 100 for PE (PA's, six from the TMX file); five are shown, PA's among them.
    pa = coordinator.store.posts.ids_by_external(PARITY)["PA-1"]
    assert [m["score"] for m in hints["PE-1"]["memory"]] == [100] * 5
    assert f"post:{pa}" in {m["origin"] for m in hints["PE-1"]["memory"]}
    chivi = next(t for t in hints["PB-1"]["glossary"]["terms"] if t["term"] == "奇维区")
    assert chivi["expected"] == ["Chivi", "Chivi District"]  # both glossaries, in name order
    assert hints["PD-1"]["memory"] and hints["PD-1"]["glossary"]["terms"]  # en>sn, for en-GB>sn
    sample = hints_of(coordinator, "zimbabwe-boreholes")
    assert sample["ZW-025"]["glossary"]["target"]  # the reported case: en>sn feeds zh-CN>sn


def test_the_work_package_carries_the_glossaries_that_feed_hints_and_no_other(coordinator, tmp_path):
    with Desk(tmp_path / "zw.sqlite3") as zw, Desk(tmp_path / "cd.sqlite3") as cd:
        zw.import_package(work_package(coordinator, "zimbabwe-boreholes", tmp_path))
        cd.import_package(work_package(coordinator, "chengdu-hitech-zone", tmp_path))
        starters = ["en_nd.aid-project.starter", "en_sn.aid-project.starter", "zh-CN_en.aid-project.starter"]
        # zh-CN>sn and zh-CN>nd posts check en>sn and en>nd renderings; zh-CN>en ones use the
        # zh-Hans>en-GB and aid-districts glossaries too
        assert [g["name"] for g in zw.store.glossaries.list()] == ["aid-districts"] + starters + ["zh-Hans_en-GB"]
        # posts into en, ja, ko, de, fr: no glossary into Shona or Ndebele
        assert [g["name"] for g in cd.store.glossaries.list()] == ["aid-districts", starters[2], "zh-Hans_en-GB"]
        assert {(u.source_lang, u.target_lang) for u in cd.store.memory.units()} == {
            ("zh-CN", "en"), ("zh-Hans", "en-GB"), ("zh-CN", "de")}


@pytest.mark.parametrize("batch", SAMPLE + (PARITY,))
def test_a_fresh_laptop_shows_the_coordinators_hints(coordinator, tmp_path, batch):
    package = work_package(coordinator, batch, tmp_path)
    with Desk(tmp_path / "laptop.sqlite3") as laptop:
        laptop.import_package(package)
        assert_same_hints(laptop, coordinator, batch)


def test_a_laptop_holding_every_batch_shows_the_coordinators_hints(coordinator, tmp_path):
    """Units that came with one batch's package are the posts of the next: each post still does
    not see its own unit, and ties are ordered as on the coordinator's desk."""
    packages = [work_package(coordinator, batch, tmp_path) for batch in SAMPLE + (PARITY,)]
    with Desk(tmp_path / "laptop.sqlite3") as laptop:
        for package in packages:
            laptop.import_package(package)
        for batch in SAMPLE + (PARITY,):
            assert_same_hints(laptop, coordinator, batch)


def test_a_laptop_behind_on_another_batch_shows_the_coordinators_hints(coordinator, tmp_path):
    """Tendai's laptop holds the Zimbabwe batch as it was; Rudo approves one of its posts
    meanwhile, the coordinator merges it, and that post's unit now feeds a post of the
    parity batch: its new work package brings the coordinator's unit to Tendai's laptop."""
    zimbabwe = work_package(coordinator, "zimbabwe-boreholes", tmp_path)
    with Desk(tmp_path / "tendai.sqlite3") as tendai, Desk(tmp_path / "rudo.sqlite3") as rudo:
        tendai.import_package(zimbabwe)
        tendai.import_package(work_package(coordinator, PARITY, tmp_path))
        rudo.import_package(zimbabwe)
        rudo_id = rudo.store.posts.ids_by_external("zimbabwe-boreholes")["ZW-025"]
        rudo.decide(rudo_id, Actor("Rudo"), "approve")
        rudo.make_results_package("zimbabwe-boreholes", tmp_path / "from-rudo.rdpack", Actor("Rudo"))
        coordinator.import_package(tmp_path / "from-rudo.rdpack")
        assert f"post:{rudo_id}" in {m["origin"] for m in hints_of(coordinator, PARITY)["PC-1"]["memory"]}
        tendai.import_package(work_package(coordinator, PARITY, tmp_path, "second"))
        assert tendai.post(rudo_id).state == "pending"  # Tendai has not seen Rudo's approval
        assert_same_hints(tendai, coordinator, PARITY)


def review_on_laptop(laptop: Desk) -> None:
    """A reviewer's round: a rewrite, approvals (new memory units), a dismissal."""
    ids = laptop.store.posts.ids_by_external(PARITY)
    laptop.rewrite(ids["PB-1"], TENDAI, "Sixteen boreholes were completed in Chivi District.")
    laptop.decide(ids["PB-1"], TENDAI, "approve")
    laptop.decide(ids["PE-1"], TENDAI, "approve")
    check = next(c for c in laptop.hints(ids["PD-1"]).checks if not c.dismissed)
    laptop.dismiss_check(ids["PD-1"], TENDAI, check.key, "checked with the district office")


def test_the_second_round_shows_the_coordinators_hints_on_the_same_and_a_fresh_laptop(coordinator, tmp_path):
    first = work_package(coordinator, PARITY, tmp_path)
    with Desk(tmp_path / "tendai.sqlite3") as tendai:
        tendai.import_package(first)
        review_on_laptop(tendai)
        results = tmp_path / "from-tendai.rdpack"
        tendai.make_results_package(PARITY, results, TENDAI)
        coordinator.import_package(results)
        after = hints_of(coordinator, PARITY)
        assert after["PB-1"]["checked"] == "rewrite" and any(c["dismissed"] for c in after["PD-1"]["checks"])
        second = work_package(coordinator, PARITY, tmp_path, "second")
        tendai.import_package(second)
        assert_same_hints(tendai, coordinator, PARITY)
    with Desk(tmp_path / "fresh.sqlite3") as fresh:
        fresh.import_package(second)
        assert_same_hints(fresh, coordinator, PARITY)


def test_the_reported_case_from_the_command_line(tmp_path):
    """As reported: `sample`, `pack work`, `pack import` on a fresh database, then `hints POST
    --json` on both for a zh-CN>sn and a zh-CN>nd post (which said "no terms found")."""
    from tests.cli.runner import run

    coord, laptop, package = tmp_path / "coord.sqlite3", tmp_path / "laptop.sqlite3", tmp_path / "zw.rdpack"
    for db, *args in ((coord, "sample"),
                      (coord, "pack", "work", "--batch", "zimbabwe-boreholes", "--out", str(package), "--as", "Chipo"),
                      (laptop, "pack", "import", str(package))):
        done = run(db, *args)
        assert done.returncode == 0, done.stderr
    with Desk(coord) as desk:
        ids = desk.store.posts.ids_by_external("zimbabwe-boreholes")
    for external_id in ("ZW-025", "ZW-033"):
        there, here = (run(db, "hints", ids[external_id], "--json") for db in (coord, laptop))
        assert there.returncode == here.returncode == 0
        assert '"target": []' not in there.stdout  # Shona and Ndebele renderings are found
        assert here.stdout == there.stdout
