"""Issue 15: sharing a batch between reviewers. `assign --split` divides the open, unassigned
posts (language pairs kept whole where they can be, then evenly); `pack work --for NAME` packs
and assigns only NAME's posts and nobody's, never taking another reviewer's. The journey: split
between two reviewers -> two packages -> two laptops review -> merge both -> export; then a
second round on the same laptops."""
from __future__ import annotations

import csv
from collections import Counter

import pytest

from review import Actor, Desk, ReviewError
from review.assigning import plan_split
from tests.exchange.test_rounds import Office as RoundsOffice
from tests.helpers import COORD

ZW = "zimbabwe-boreholes"
TENDAI, NOMSA = Actor("Tendai"), Actor("Nomsa")


def rows(*pairs: tuple[str, int]) -> list[dict]:
    made = []
    for pair, count in pairs:
        source, target = pair.split(">")
        made += [{"id": f"{pair}-{n}", "source_lang": source, "target_lang": target}
                 for n in range(count)]
    return made


def shape(plan: dict[str, list[dict]]) -> dict[str, Counter]:
    return {who: Counter(f"{r['source_lang']}>{r['target_lang']}" for r in got)
            for who, got in plan.items()}


def test_pairs_stay_whole_when_the_shares_stay_near_even():
    plan = plan_split(rows(("zh>en", 20), ("en>sn", 10), ("en>nd", 8)), ["Tendai", "Nomsa"])
    assert shape(plan) == {"Tendai": Counter({"zh>en": 20}),
                           "Nomsa": Counter({"en>sn": 10, "en>nd": 8})}


def test_one_pair_is_cut_evenly():
    plan = plan_split(rows(("zh>en", 38)), ["Tendai", "Nomsa"])
    assert [len(got) for got in plan.values()] == [19, 19]
    plan = plan_split(rows(("zh>en", 7)), ["A", "B", "C"])
    assert sorted(len(got) for got in plan.values()) == [2, 2, 3]


def test_a_pair_too_big_for_one_reviewer_is_cut_and_the_rest_kept_whole():
    plan = plan_split(rows(("zh>en", 24), ("zh>sn", 8), ("zh>nd", 6)), ["A", "B", "C"])
    got = shape(plan)
    assert sorted(sum(c.values()) for c in got.values()) == [12, 13, 13]
    assert sum(1 for c in got.values() if "zh>sn" in c) == 1  # whole, with one reviewer
    assert sum(1 for c in got.values() if "zh>nd" in c) == 1


def test_every_post_goes_to_exactly_one_reviewer():
    given = rows(("a>b", 5), ("c>d", 3), ("e>f", 11), ("g>h", 1))
    plan = plan_split(given, ["A", "B", "C", "D"])
    ids = [r["id"] for got in plan.values() for r in got]
    assert sorted(ids) == sorted(r["id"] for r in given)
    sizes = [len(got) for got in plan.values()]
    assert max(sizes) - min(sizes) <= 2


class Office(RoundsOffice):
    """test_rounds' office (the sample, the starter glossaries), sending each reviewer a
    package made for them (`pack work --for`), to their own laptop."""

    def send(self, reviewer: str, round_: int):
        work = self.folder / f"{round_}-{reviewer}.rdpack"
        made = self.coord.make_work_package(ZW, work, COORD, reviewer)
        laptop = self.laptops.setdefault(reviewer, Desk(self.folder / f"{reviewer}.sqlite3"))
        laptop.import_package(work)
        return made, laptop

    def collect(self, person: Actor, round_: int) -> None:
        results = self.folder / f"{round_}-from-{person.name}.rdpack"
        self.laptops[person.name].make_results_package(ZW, results, person)
        self.coord.import_package(results)


@pytest.fixture
def office(tmp_path):
    made = Office(tmp_path)
    yield made
    made.close()


def mine(desk: Desk, name: str) -> list[str]:
    return [r["id"] for r in desk.posts(batch=ZW) if r["assignee"] == name]


def test_split_two_packages_two_laptops_merge_export_and_a_second_round(office):
    coord = office.coord
    before = len(coord.store.events.of_batch(ZW))
    done = coord.split_batch(ZW, "Tendai, Nomsa", COORD)
    assert [s.reviewer for s in done.shares] == ["Tendai", "Nomsa"]
    assert [s.count for s in done.shares] == [19, 19] and done.left == 0
    assert len(coord.store.events.of_batch(ZW)) == before + 38  # one assignment event per post
    tendais, nomsas = mine(coord, "Tendai"), mine(coord, "Nomsa")
    assert len(tendais) == len(nomsas) == 19 and not set(tendais) & set(nomsas)

    made, tendai = office.send("Tendai", 1)
    assert (made.assigned, made.posts, made.left_with) == (0, 19, {"Nomsa": 19})
    made, nomsa = office.send("Nomsa", 1)
    assert (made.posts, made.left_with) == (19, {"Tendai": 19})
    assert mine(coord, "Tendai") == tendais, "packing for Nomsa took none of Tendai's posts"
    assert {r["id"] for r in tendai.posts(batch=ZW)} == set(tendais)
    assert {r["id"] for r in nomsa.posts(batch=ZW)} == set(nomsas)

    for post_id in tendais[:3]:
        tendai.decide(post_id, TENDAI, "approve", despite_findings=True)
    for post_id in nomsas[:2]:
        nomsa.decide(post_id, NOMSA, "approve", despite_findings=True)
    nomsa.decide(nomsas[2], NOMSA, "reject", "not for this audience")
    office.collect(TENDAI, 1)
    office.collect(NOMSA, 1)
    assert coord.conflicts(ZW) == [] and coord.posts_out_of_step() == []
    approved = {r["id"] for r in coord.posts(batch=ZW) if r["state"] in ("approved", "awaiting_signoff")}
    assert approved == set(tendais[:3] + nomsas[:2])
    coord.export(ZW, "csv", office.folder / "round-1.csv", COORD)  # awaiting sign-off stays
    with open(office.folder / "round-1.csv", encoding="utf-8", newline="") as handle:
        exported = {row["id"] for row in csv.DictReader(handle)}
    assert exported and exported <= approved

    # Round 2: the same laptops; Nomsa's rejected post is reassigned to Tendai.
    coord.assign([nomsas[2]], COORD, "Tendai")
    coord.decide(nomsas[2], COORD, "reopen", "HQ changed the photo")
    made, tendai = office.send("Tendai", 2)
    assert made.posts == 20 and made.left_with == {"Nomsa": 18}
    assert tendai.post(nomsas[2]).state == "in_review"
    tendai.decide(nomsas[2], TENDAI, "approve", despite_findings=True)
    made, nomsa = office.send("Nomsa", 2)
    nomsa.decide(nomsas[3], NOMSA, "approve", despite_findings=True)
    office.collect(TENDAI, 2)
    office.collect(NOMSA, 2)
    assert coord.conflicts(ZW) == [] and coord.posts_out_of_step() == []
    assert coord.post(nomsas[2]).state in ("approved", "awaiting_signoff")
    assert coord.post(nomsas[3]).state in ("approved", "awaiting_signoff")


def test_pack_for_assigns_only_posts_that_are_nobodys(office):
    coord = office.coord
    ids = [r["id"] for r in coord.posts(batch=ZW)]
    coord.assign(ids[:5], COORD, "Nomsa")
    made, laptop = office.send("Tendai", 1)
    assert made.assigned == 33 and made.left_with == {"Nomsa": 5}
    assert mine(coord, "Nomsa") == ids[:5]
    assert len(laptop.posts(batch=ZW)) == 33
    made, _ = office.send("Tendai", 2)  # again: nothing new to assign
    assert made.assigned == 0 and made.left_with == {"Nomsa": 5}


def test_split_leaves_assigned_and_decided_posts_alone(office):
    coord = office.coord
    ids = [r["id"] for r in coord.posts(batch=ZW)]
    coord.assign(ids[:4], COORD, "Rudo")
    coord.decide(ids[4], COORD, "approve", despite_findings=True)
    done = coord.split_batch(ZW, ["Tendai", "Nomsa"], COORD)
    assert done.assigned == 33 and done.left == 4
    assert mine(coord, "Rudo") == ids[:4] and coord.post(ids[4]).assignee is None
    again = coord.split_batch(ZW, ["Tendai", "Nomsa"], COORD)
    assert again.assigned == 0 and again.left == 37


@pytest.mark.parametrize("names", ["Tendai", "Tendai, Tendai", " , "])
def test_split_needs_two_reviewers(office, names):
    with pytest.raises(ReviewError, match="two or more reviewers"):
        office.coord.split_batch(ZW, names, COORD)


def test_split_is_a_coordinators_and_all_or_nothing(office):
    with pytest.raises(ReviewError, match="shared between reviewers by a coordinator"):
        office.coord.split_batch(ZW, "A,B", TENDAI)
    assert mine(office.coord, "A") == []
