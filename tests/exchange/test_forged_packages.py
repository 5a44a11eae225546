"""Forged packages made by someone who holds a valid key: a reviewer's laptop turned hostile
(its results are signed and enrolled) or a hostile coordinator's work package. The signature
cannot stop them; the rules of every event must: each forgery is refused, nothing changes."""
from __future__ import annotations

import json

import pytest

from review import Actor, Desk
from review import workflow as wf
from review.core import new_event_id
from tests.exchange.support import (
    RUDO,
    TENDAI,
    coordinator_laptop,
    event_lines,
    keys_of,
    members_of,
    resigned,
    reviewer_laptop,
    with_event_lines,
    write_zip,
)
from tests.exchange.test_hostile_packages import refused
from tests.helpers import COORD, draft


class Laptops:
    """The coordinator's desk with batches zw (3 posts) and cd (1 post), and Tendai's and
    Rudo's laptops with zw's work package. `forge(lines)` makes a results package of Tendai's
    laptop carrying those event lines, signed with Tendai's real key."""

    def __init__(self, folder):
        from review.importing import import_drafts

        self.folder = folder
        self.coord, self.ids = coordinator_laptop(folder)
        import_drafts(self.coord, [draft("CD-1")], "cd", actor=COORD, timezone="Asia/Shanghai")
        self.work = folder / "work.rdpack"
        self.coord.make_work_package("zw", self.work, COORD)
        self.tendai = reviewer_laptop(folder, "tendai", self.work)
        self.rudo = reviewer_laptop(folder, "rudo", self.work)
        self.pid = self.ids["ZW-1"]
        self.tendai.decide(self.pid, TENDAI, "approve")
        self.results = folder / "tendai.rdpack"
        self.tendai.make_results_package("zw", self.results, TENDAI)
        self.keys = keys_of(self.tendai)

    def lines(self) -> list[dict]:
        return event_lines(members_of(self.results))

    def forge(self, lines: list[dict], name: str = "forged", **manifest) -> "Path":
        members = with_event_lines(members_of(self.results), lines)
        counts = {"events": len(lines), "posts": len({x["post_id"] for x in lines})}
        path = self.folder / f"{name}.rdpack"
        return write_zip(path, resigned(members, self.keys, counts=counts, **manifest))

    def event(self, kind: str, parent: str, payload: dict, post_id: str | None = None,
              actor: str = "Tendai", role: str = "reviewer", at: str = "2026-12-05T10:00:00.000Z") -> dict:
        return {"id": new_event_id(), "kind": kind, "batch": "zw", "post_id": post_id or self.pid,
                "actor": actor, "role": role, "at": at, "parent": parent, "payload": payload}

    def close(self):
        for desk in (self.coord, self.tendai, self.rudo):
            desk.close()


@pytest.fixture
def laptops(tmp_path):
    made = Laptops(tmp_path)
    yield made
    made.close()


def test_the_genuine_results_are_accepted(laptops):
    """The forgeries below start from this package: it is fine as it is."""
    path = laptops.forge(laptops.lines(), "genuine")
    done = laptops.coord.import_package(path)
    assert done.events_added == 2 and laptops.coord.post(laptops.pid).state == "approved"


def test_an_edited_event_is_refused(laptops):
    laptops.coord.import_package(laptops.results)
    lines = laptops.lines()
    lines[-1]["actor"] = "Somebody else"
    refused(laptops.coord, laptops.forge(lines, id="1" * 32), r"same id as (an event|events) here but other content")


def test_another_batchs_events_are_refused(laptops):
    coord = laptops.coord
    cd = coord.store.events.of_post(coord.store.posts.ids_by_external("cd")["CD-1"])
    replayed = [dict(e.__dict__) for e in cd]
    refused(coord, laptops.forge(laptops.lines() + replayed), "belongs to batch 'cd', not 'zw'")
    moved = [dict(e.__dict__, batch="zw") for e in cd]  # the batch field rewritten too
    refused(coord, laptops.forge(laptops.lines() + moved), "results package carries only reviewers' actions")
    opened = laptops.event(wf.OPENED, cd[-1].id, {}, post_id=cd[0].post_id)
    refused(coord, laptops.forge(laptops.lines() + [opened]), "is in batch 'cd' here, not 'zw'")


def test_renaming_or_reassigning_a_post_is_refused(laptops):
    """The finding: details_updated could set any field (id, batch, state, approver)."""
    lines = laptops.lines()
    rename = laptops.event(wf.DETAILS_UPDATED, lines[-1]["id"],
                           {"fields": {"id": "other", "batch": "cd", "state": "approved"}})
    refused(laptops.coord, laptops.forge(lines + [rename]), "results package carries only reviewers' actions")


def test_an_injected_approved_post_is_refused(laptops):
    post_id = "abcdefgh23"
    imported = laptops.event(wf.IMPORTED, None, {
        "external_id": "ZW-99", "platform": "x", "source_lang": "zh-CN", "source_text": "假",
        "target_lang": "en", "draft_text": "Fake news", "link": None, "media_note": None,
        "scheduled_at": None, "notes": None, "extra": {}, "state": "approved",
        "approved_by": "Tendai"}, post_id=post_id)
    refused(laptops.coord, laptops.forge(laptops.lines() + [imported]), "only reviewers' actions")
    approval = laptops.event(wf.APPROVED_EV, laptops.lines()[-1]["id"], {"state": "approved", "revision": 0},
                             post_id=post_id)
    refused(laptops.coord, laptops.forge(laptops.lines() + [approval]),
            "post abcdefgh23 is not a post of batch zw here, and the package does not import it")


def test_a_reused_event_id_is_refused(laptops):
    lines = laptops.lines()
    refused(laptops.coord, laptops.forge(lines + [dict(lines[-1])]), "repeats it")
    stored = laptops.coord.store.events.of_post(laptops.ids["ZW-2"])[0]  # ZW-2's import
    reuse = laptops.event(wf.OPENED, lines[-1]["id"], {})
    reuse["id"] = stored.id
    refused(laptops.coord, laptops.forge(lines + [reuse]), r"same id as (an event|events) here but other content")


def test_cycles_of_parents_are_refused(laptops):
    """Events that decide nothing (an opening, a dismissal) in a cycle: still refused."""
    lines = laptops.lines()
    first = laptops.event(wf.OPENED, None, {}, post_id=laptops.ids["ZW-2"])
    second = laptops.event(wf.CHECK_DISMISSED, first["id"], {
        "check": "length", "reason": "fine", "text_sha256": "0" * 64}, post_id=laptops.ids["ZW-2"])
    first["parent"] = second["id"]
    refused(laptops.coord, laptops.forge(lines + [first, second]), "cycle of parents")
    self_parent = laptops.event(wf.OPENED, None, {}, post_id=laptops.ids["ZW-3"])
    self_parent["parent"] = self_parent["id"]
    refused(laptops.coord, laptops.forge(lines + [self_parent]), "cycle of parents")


def test_coordinators_actions_are_refused_in_results(laptops):
    lines = laptops.lines()
    for kind, payload in ((wf.SIGNED_OFF, {}), (wf.ASSIGNED, {"assignee": "Tendai"}),
                          (wf.EXPORTED_EV, {"export_id": "e" * 32, "format": "csv", "file": "x.csv"})):
        event = laptops.event(kind, lines[-1]["id"], payload, role="coordinator")
        refused(laptops.coord, laptops.forge(lines + [event]), f"is {kind}: a results package")


@pytest.mark.parametrize("payload, why", [
    ({"state": "exported", "revision": 0}, "payload.state is not one of approved, awaiting_signoff"),
    ({"state": "awaiting_signoff", "revision": 0}, "records another outcome than the rules give"),
    ({"state": "approved"}, "must carry the fields revision, state"),
    ({"state": "approved", "revision": 0, "approved_by": "HQ"}, "nothing else"),
])
def test_an_approval_records_only_what_the_rules_give(laptops, payload, why):
    lines = laptops.lines()
    lines[-1]["payload"] = payload
    refused(laptops.coord, laptops.forge(lines), why)


def test_a_rewrite_of_an_approved_post_without_reopening_is_refused(laptops):
    """Otherwise the approved text could change after the approval, unseen."""
    lines = laptops.lines()
    rewrite = laptops.event(wf.REWRITTEN, lines[-1]["id"], {"text": "Changed after approval"})
    refused(laptops.coord, laptops.forge(lines + [rewrite]), "rewrite is not allowed in that state")


def test_a_gloss_travels_and_a_gloss_of_another_revision_is_refused(laptops):
    coord, tmp = laptops.coord, laptops.folder
    pid = laptops.ids["ZW-2"]
    laptops.tendai.rewrite(pid, TENDAI, "We drilled twelve boreholes.")
    laptops.tendai.rewrite(pid, TENDAI, "We drilled twelve boreholes.", "我们打了十二眼钻井。")
    laptops.tendai.make_results_package("zw", tmp / "gloss.rdpack", TENDAI)
    lines = event_lines(members_of(tmp / "gloss.rdpack"))
    gloss = lines[-1]
    assert gloss["kind"] == wf.GLOSSED
    gloss["payload"]["revision_id"] = coord.store.events.of_post(pid)[0].id  # HQ's draft, not current
    refused(coord, laptops.forge(lines), "the revision it glosses is not the post's current one")
    coord.import_package(tmp / "gloss.rdpack")
    assert coord.post(pid).current_revision.back_translation == "我们打了十二眼钻井。"


@pytest.mark.parametrize("change, why", [
    ({"start": "0", "end": "5"}, "payload.start is not a whole number"),
    ({"start": 0, "end": 5000}, "its span ends at 5000, after the end of its revision"),
    ({"start": 5, "end": 2}, "span 5-2 is empty or reversed"),
    ({"start": 0, "end": 5, "revision_id": "d" * 32}, "the revision it marks is not one of"),
    ({"start": 0, "end": 5, "severity": "apocalyptic"}, "payload.severity is not one of"),
])
def test_annotations_must_mark_a_span_of_a_revision(laptops, change, why):
    lines = laptops.lines()
    import_id = laptops.coord.store.events.of_post(laptops.pid)[0].id
    opened = laptops.event(wf.OPENED, None, {}, post_id=laptops.ids["ZW-2"])
    opened["parent"] = laptops.coord.store.events.of_post(laptops.ids["ZW-2"])[0].id
    payload = {"revision_id": opened["parent"], "category": "style", "severity": "minor",
               "subcategory": None, "comment": ""}
    payload.update(change)
    annotation = laptops.event(wf.ANNOTATED, opened["id"], payload, post_id=laptops.ids["ZW-2"])
    assert import_id  # (the other post's import is not a revision of ZW-2)
    refused(laptops.coord, laptops.forge(lines + [opened, annotation]), why)


def test_taking_back_someone_elses_action_is_refused(laptops):
    """Rudo's approval of ZW-2 reached Tendai's laptop; a forged undo of it is refused."""
    coord, tmp = laptops.coord, laptops.folder
    laptops.rudo.decide(laptops.ids["ZW-2"], RUDO, "approve")
    laptops.rudo.make_results_package("zw", tmp / "rudo.rdpack", RUDO)
    coord.import_package(tmp / "rudo.rdpack")
    rudos = coord.store.events.of_post(laptops.ids["ZW-2"])[-1]
    undo = laptops.event(wf.UNDONE, rudos.id, {"target": rudos.id, "kind": rudos.kind},
                         post_id=laptops.ids["ZW-2"])
    refused(coord, laptops.forge(laptops.lines() + [undo]), "takes back only their own actions")


def test_nothing_builds_on_an_export(laptops):
    """A reopening and rewrite forged after the export would publish a text nobody approved."""
    coord, tmp = laptops.coord, laptops.folder
    coord.import_package(laptops.results)
    coord.export("zw", "csv", tmp / "out.csv", COORD)
    export = coord.store.events.of_post(laptops.pid)[-1]
    assert export.kind == wf.EXPORTED_EV
    reopen = laptops.event(wf.REOPENED, export.id, {"reason": "one more change"})
    rewrite = laptops.event(wf.REWRITTEN, reopen["id"], {"text": "A text nobody approved"})
    refused(coord, laptops.forge(laptops.lines() + [reopen, rewrite]), "reopen is not allowed in that state")


def test_another_laptops_events_are_refused(laptops):
    """Rudo's events, already merged, replayed in Tendai's package."""
    coord, tmp = laptops.coord, laptops.folder
    laptops.rudo.decide(laptops.ids["ZW-3"], RUDO, "reject", "wrong figures")
    laptops.rudo.make_results_package("zw", tmp / "rudo.rdpack", RUDO)
    coord.import_package(tmp / "rudo.rdpack")
    rudos = event_lines(members_of(tmp / "rudo.rdpack"))
    refused(coord, laptops.forge(laptops.lines() + rudos), "were not made on the laptop that made it")
    coordinators = [dict(e.__dict__) for e in coord.store.events.of_post(laptops.ids["ZW-3"])[:1]]
    refused(coord, laptops.forge(laptops.lines() + coordinators), "only reviewers' actions")


@pytest.mark.parametrize("field, value, why", [
    ("at", "9999-12-31T23:59:59.999Z", "at is not between 1970 and 2200"),
    ("at", "0001-01-01T00:00:00.000Z", "at is not between 1970 and 2200"),
    ("at", "2026-03-01T09:30:00+02:00", "at is not a time in UTC"),
    ("at", "yesterday", "at is not a time in UTC"),
    ("role", "admin", "role is not one of reviewer, coordinator"),
    ("actor", "x" * 500, "actor is not text of at most 100"),
    ("actor", "", "actor is not text"),
    ("id", "not-hex", "id must be 32 hexadecimal digits"),
    ("kind", "post.teleported", "of a kind this Review Desk does not know"),
])
def test_event_fields_out_of_range_are_refused(laptops, field, value, why):
    lines = laptops.lines()
    lines[-1][field] = value
    refused(laptops.coord, laptops.forge(lines), why)
    from review.report import gather  # nothing of it reached the report, which still works
    assert gather(laptops.coord, "zw").per_day == []


@pytest.mark.parametrize("raw, why", [
    (b'{"id": ' + b"1" * 5000 + b"}", "not valid JSON"),
    (b"[" * 20000 + b"]" * 20000, "not valid JSON"),
    (b'{"id": "x"', "not valid JSON"),
])
def test_event_lines_python_cannot_parse_are_refused(laptops, raw, why):
    members = members_of(laptops.results)
    members["events.jsonl"] = members["events.jsonl"] + raw + b"\n"
    path = write_zip(laptops.folder / "raw.rdpack", resigned(members, laptops.keys,
                                                            counts={"events": 3, "posts": 1}))
    error = refused(laptops.coord, path, why)
    assert error.problems[0].line == 3


# -- a hostile coordinator's work package, on a reviewer's laptop -------------------------------


@pytest.fixture
def work(tmp_path):
    coord, ids = coordinator_laptop(tmp_path)
    work = tmp_path / "work.rdpack"
    coord.make_work_package("zw", work, COORD)
    yield coord, ids, work, keys_of(coord)
    coord.close()


def forge_work(work_path, keys, change, name="forged-work.rdpack"):
    members = members_of(work_path)
    lines = event_lines(members)
    change(lines)
    members = with_event_lines(members, lines)
    counts = dict(json.loads(members["manifest.json"])["counts"], events=len(lines))
    return write_zip(work_path.parent / name, resigned(members, keys, counts=counts))


def test_a_work_package_cannot_import_a_post_already_approved(work, tmp_path):
    _coord, _ids, path, keys = work

    def approved_on_arrival(lines):
        imported = next(x for x in lines if x["kind"] == wf.IMPORTED)
        imported["payload"].update(state="approved", approved_by="Tendai")

    with Desk(tmp_path / "fresh.sqlite3") as fresh:
        refused(fresh, forge_work(path, keys, approved_on_arrival), "must carry the fields .* nothing else")
        assert fresh.batches() == []


def test_a_work_package_cannot_move_a_post_into_another_batch(work, tmp_path):
    _coord, ids, path, keys = work

    def renamed(lines):
        last = [x for x in lines if x["post_id"] == ids["ZW-1"]][-1]
        lines.append({"id": new_event_id(), "kind": wf.DETAILS_UPDATED, "batch": "zw",
                      "post_id": ids["ZW-1"], "actor": "Chipo", "role": "coordinator",
                      "at": "2026-12-05T10:00:00.000Z", "parent": last["id"],
                      "payload": {"fields": {"batch": "cd", "approved_by": "Tendai"}}})

    with Desk(tmp_path / "fresh.sqlite3") as fresh:
        refused(fresh, forge_work(path, keys, renamed), "may name only HQ's fields")


@pytest.mark.parametrize("field, value, why", [
    ("timezone", "Mars/Olympus", "unknown time zone 'Mars/Olympus'"),
    ("timezone", "Africa", "unknown time zone 'Africa'"),  # a folder of the zone database
    ("due", {"x": 1}, "payload.due is not text"),
    ("require_signoff", "yes", "payload.require_signoff is not true or false"),
    ("platforms", ["myspace"], "payload.platforms is not one of x, facebook"),
    ("name", "other", "names batch 'other', the manifest 'zw'"),
])
def test_a_batch_the_report_and_exports_cannot_use_is_refused(work, tmp_path, field, value, why):
    _coord, _ids, path, keys = work

    def changed(lines):
        next(x for x in lines if x["kind"] == wf.BATCH_CREATED)["payload"][field] = value

    with Desk(tmp_path / "fresh.sqlite3") as fresh:
        refused(fresh, forge_work(path, keys, changed), why)
        assert fresh.batches() == []


def test_scheduled_times_at_the_edges_are_refused(work, tmp_path):
    _coord, _ids, path, keys = work

    def far_future(lines):
        next(x for x in lines if x["kind"] == wf.IMPORTED)["payload"]["scheduled_at"] = "9999-12-31T23:59:00"

    with Desk(tmp_path / "fresh.sqlite3") as fresh:
        refused(fresh, forge_work(path, keys, far_future), "scheduled_at is not between 1970 and 2200")


def test_a_second_import_of_a_post_is_refused(work, tmp_path):
    _coord, ids, path, keys = work

    def twice(lines):
        again = dict(next(x for x in lines if x["post_id"] == ids["ZW-1"]), id=new_event_id())
        lines.append(again)

    with Desk(tmp_path / "fresh.sqlite3") as fresh:
        refused(fresh, forge_work(path, keys, twice), "imports post .* a second time")


def test_a_reviewer_laptop_cannot_act_as_coordinator_for_the_batch(work, tmp_path):
    """What its results could never carry is refused when it is done, not when it is sent."""
    _coord, ids, path, _keys = work
    boss = Actor("Boss", "coordinator")
    laptop = reviewer_laptop(tmp_path, "laptop", path)
    from review import TransitionRefused

    for attempt in (lambda: laptop.assign([ids["ZW-1"]], boss, "Rudo"),
                    lambda: laptop.make_work_package("zw", tmp_path / "again.rdpack", boss),
                    lambda: laptop.export("zw", "csv", tmp_path / "x.csv", boss)):
        with pytest.raises(TransitionRefused, match="came to this laptop in a work package"):
            attempt()
    laptop.close()
