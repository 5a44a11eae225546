"""The sample is for a desk that holds nothing yet (issue 11, item 3): the window's first start
loads it on an empty desk only; File > Load sample and `review-desk sample` load it anywhere,
leaving alone a sample batch or a glossary that a work package brought."""
from __future__ import annotations

import pytest

from review import Desk
from review.model import GlossaryEntry
from tests.exchange.support import snapshot
from tests.helpers import COORD
from tests.cli.runner import run

SAMPLE_BATCHES = {"zimbabwe-boreholes", "chengdu-hitech-zone"}
STARTERS = {"en_nd.aid-project.starter", "en_sn.aid-project.starter", "zh-CN_en.aid-project.starter"}


@pytest.fixture
def package(tmp_path):
    """A coordinator's work package of the sample's Zimbabwe batch, whose en>sn starter
    glossary the coordinator has edited."""
    with Desk(tmp_path / "coordinator.sqlite3") as coordinator:
        coordinator.load_sample_and_glossaries()
        with coordinator.store.write():
            coordinator.store.glossaries.replace("en_sn.aid-project.starter", "en", "sn", "edited.csv",
                                               [GlossaryEntry("borehole", "chibhorani", note="edited")])
        out = tmp_path / "zw.rdpack"
        coordinator.make_work_package("zimbabwe-boreholes", out, COORD, reviewer="Tendai")
    return out


def glossaries(desk: Desk) -> dict[str, list]:
    return {g["name"]: desk.store.glossaries.entries(g["name"]) for g in desk.store.glossaries.list()}


def test_the_first_start_of_an_empty_desk_loads_the_sample_and_the_starter_glossaries(desk):
    loaded = desk.first_start()
    assert {r.batch for r in loaded.batches} == SAMPLE_BATCHES and loaded.kept == []
    assert {g.name for g in loaded.glossaries} == STARTERS
    assert desk.first_start() is None, "the desk holds the sample now"


def test_the_first_start_of_a_desk_set_up_from_a_work_package_adds_nothing(tmp_path, package):
    with Desk(tmp_path / "laptop.sqlite3") as laptop:
        laptop.import_package(package)
        before, names = snapshot(laptop), glossaries(laptop)
        assert laptop.first_start() is None
        assert snapshot(laptop) == before and glossaries(laptop) == names
        assert {b["name"] for b in laptop.batches()} == {"zimbabwe-boreholes"}


def test_the_first_start_of_a_desk_with_its_own_batch_adds_nothing(desk, batch):
    assert desk.first_start() is None
    assert [b["name"] for b in desk.batches()] == ["zw"] and desk.store.glossaries.list() == []


def test_load_sample_on_a_laptop_keeps_what_the_work_package_brought(tmp_path, package):
    with Desk(tmp_path / "laptop.sqlite3") as laptop:
        laptop.import_package(package)
        zimbabwe = laptop.store.events.of_batch("zimbabwe-boreholes")
        names = glossaries(laptop)
        assert set(names) == STARTERS  # the zh-CN>sn and zh-CN>nd posts' hints use all three
        loaded = laptop.load_sample_and_glossaries()
        assert loaded.kept == ["zimbabwe-boreholes"]
        assert [r.batch for r in loaded.batches] == ["chengdu-hitech-zone"]
        assert laptop.store.events.of_batch("zimbabwe-boreholes") == zimbabwe
        assert loaded.glossaries == [] and glossaries(laptop) == names  # the coordinator's edit stays
        assert names["en_sn.aid-project.starter"][0].note == "edited"
        assert loaded.lines()[0] == ("the sample batch zimbabwe-boreholes is here already (a work "
                                     "package brought it): it was left as it is")
        assert laptop.load_sample_and_glossaries().lines() == [], "once per database"


def test_starter_glossaries_never_replace_a_glossary_of_their_name(desk):
    with desk.store.write():
        desk.store.glossaries.replace("en_nd.aid-project.starter", "en", "nd", "mine.csv",
                                    [GlossaryEntry("water", "amanzi", note="mine")])
    loaded = desk.load_sample_and_glossaries()
    assert {g.name for g in loaded.glossaries} == STARTERS - {"en_nd.aid-project.starter"}
    assert desk.store.glossaries.entries("en_nd.aid-project.starter")[0].note == "mine"


def test_review_desk_sample_on_a_laptop_set_up_from_a_work_package(tmp_path, package):
    laptop = tmp_path / "laptop.sqlite3"
    assert run(laptop, "pack", "import", str(package)).returncode == 0
    done = run(laptop, "sample")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("the sample batch zimbabwe-boreholes is here already")
    assert "-> batch chengdu-hitech-zone" in done.stdout
    again = run(laptop, "sample")
    assert again.stdout.strip() == "the sample batches and starter glossaries were loaded before"
