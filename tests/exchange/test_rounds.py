"""The coordinator's loop, round after round (the first review's finding: it broke after the
first export). Import -> assign -> work package -> review on two laptops -> results -> merge ->
export -> a new work package -> a fresh laptop and one holding the older package -> review ->
results -> merge -> export again -> and once more. At every step the laptops see the posts
as the coordinator does, with the same hints."""
from __future__ import annotations

import csv

import pytest

from review import Actor, Desk
from review.termbases import import_starter_glossaries
from tests.helpers import COORD

ZW = "zimbabwe-boreholes"
TENDAI, RUDO, NYASHA = Actor("Tendai"), Actor("Rudo"), Actor("Nyasha")


class Office:
    def __init__(self, folder):
        self.folder = folder
        self.coord = Desk(folder / "coordinator.sqlite3")
        self.coord.load_sample(COORD)
        import_starter_glossaries(self.coord)
        self.ids = sorted(r["id"] for r in self.coord.posts(batch=ZW))
        self.laptops: dict[str, Desk] = {}
        self.count = 0

    def path(self, name: str):
        self.count += 1
        return self.folder / f"{self.count:02d}-{name}.rdpack"

    def send(self, *names: str, reviewer: str | None = None):
        work = self.path("work")
        self.coord.make_work_package(ZW, work, COORD, reviewer)
        for name in names:
            laptop = self.laptops.setdefault(name, Desk(self.folder / f"{name}.sqlite3"))
            laptop.import_package(work)
            self.assert_same_as_coordinator(laptop)

    def collect(self, *people: Actor) -> None:
        for person in people:
            results = self.path(f"from-{person.name}")
            self.laptops[person.name.lower()].make_results_package(ZW, results, person)
            self.coord.import_package(results)
            self.coord.import_package(results)  # again: harmless
        assert self.coord.conflicts(ZW) == []
        assert self.coord.posts_out_of_step() == []

    def export(self, name: str) -> list[dict[str, str]]:
        out = self.folder / name
        self.coord.export(ZW, "csv", out, COORD)
        with open(out, encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    def assert_same_as_coordinator(self, laptop: Desk) -> None:
        for post_id in self.ids:
            assert laptop.post(post_id) == self.coord.post(post_id), post_id
            assert laptop.hints(post_id).to_json() == self.coord.hints(post_id).to_json(), post_id

    def close(self) -> None:
        for desk in (self.coord, *self.laptops.values()):
            desk.close()


@pytest.fixture
def office(tmp_path):
    made = Office(tmp_path)
    yield made
    made.close()


def test_the_loop_holds_round_after_round(office):
    coord, ids = office.coord, office.ids
    half = len(ids) // 2
    coord.assign(ids[:half], COORD, "Tendai")
    coord.assign(ids[half:], COORD, "Rudo")
    office.send("tendai", "rudo")
    tendai, rudo = office.laptops["tendai"], office.laptops["rudo"]

    # Round 1: two reviewers on their own halves.
    tendai.decide(ids[0], TENDAI, "approve")
    tendai.decide(ids[1], TENDAI, "approve")
    tendai.rewrite(ids[2], TENDAI, "Twelve boreholes were handed over in Zaka today.")
    tendai.decide(ids[2], TENDAI, "approve")  # a rewrite in a batch that needs sign-off
    tendai.decide(ids[3], TENDAI, "reject", "this is a duplicate of ZW-002")
    tendai.annotate(ids[4], TENDAI, start=0, end=5, category="style", severity="minor", comment="tone")
    rudo.decide(ids[half], RUDO, "approve")
    rudo.decide(ids[half + 1], RUDO, "request-changes", "the figures differ from the report")
    office.collect(TENDAI, RUDO)
    states = {p: coord.post(p).state for p in ids[:5] + ids[half:half + 2]}
    assert [states[p] for p in ids[:4]] == ["approved", "approved", "awaiting_signoff", "rejected"]
    assert (states[ids[half]], states[ids[half + 1]]) == ("approved", "changes_requested")
    coord.decide(ids[2], COORD, "signoff")
    first = office.export("round-1.csv")
    assert sorted(r["id"] for r in first) == sorted([ids[0], ids[1], ids[2], ids[half]])
    assert next(r for r in first if r["id"] == ids[2])["final_text"] == \
        "Twelve boreholes were handed over in Zaka today."

    # Round 2: a new work package, on Tendai's laptop (which holds round 1) and a fresh one.
    office.send("tendai", "nyasha")
    nyasha = office.laptops["nyasha"]
    assert tendai.post(ids[0]).state == "exported"
    nyasha.decide(ids[5], NYASHA, "approve")
    nyasha.decide(ids[half + 2], NYASHA, "approve")
    tendai.decide(ids[3], TENDAI, "reopen", "HQ says it is not a duplicate")
    tendai.decide(ids[3], TENDAI, "approve")
    office.collect(TENDAI, NYASHA)
    second = office.export("round-2.csv")
    assert sorted(r["id"] for r in second) == sorted([ids[3], ids[5], ids[half + 2]])

    # Round 3: once more, with Rudo's laptop two packages behind.
    office.send("rudo", "nyasha", "tendai")
    rudo.decide(ids[half + 3], RUDO, "approve")
    office.collect(RUDO)
    assert [r["id"] for r in office.export("round-3.csv")] == [ids[half + 3]]
    exported = {p for p in ids if coord.post(p).state == "exported"}
    assert len(exported) == 8


def test_a_work_package_after_an_export_imports_on_an_empty_laptop(office):
    """The first review's finding, exactly: approve, export, pack work, import anywhere."""
    coord, ids = office.coord, office.ids
    coord.decide(ids[0], COORD, "approve")
    office.export("first.csv")
    office.send("empty")
    assert office.laptops["empty"].post(ids[0]).state == "exported"
