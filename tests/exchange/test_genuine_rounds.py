"""False alarms count as much as misses: no genuine package may be refused by the rules that
refuse forged ones. Generated field work (hypothesis): three laptops and the coordinator act,
send results and receive new work packages in any interleaving, round after round, with every
kind of reviewer action (undo and redo, annotations resolved and deleted, dismissals, requests
for changes) and the coordinator's sign-offs, conflict resolutions and exports between rounds.
Every package made along the way must import, and the laptops must end as the coordinator."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from review import Actor, Desk, ReviewError
from review import workflow as wf
from review.importing import import_drafts
from tests.fuzz.settings import fuzz
from tests.helpers import COORD, draft

POSTS = ("ZW-1", "ZW-2", "ZW-3")
LAPTOPS = 3
REVIEW = st.tuples(
    st.sampled_from(["approve", "reject", "request-changes", "reopen", "rewrite", "rewrite-same", "gloss",
                     "annotate", "resolve-annotation", "delete-annotation", "dismiss", "undo", "redo"]),
    st.sampled_from(POSTS))
STEP = st.one_of(
    st.tuples(st.just("review"), st.integers(0, LAPTOPS - 1), REVIEW),
    st.tuples(st.just("send"), st.integers(0, LAPTOPS - 1)),  # results to the coordinator
    st.tuples(st.just("receive"), st.integers(0, LAPTOPS - 1)),  # a new work package
    st.tuples(st.just("coordinate"), st.sampled_from(["signoff", "resolve", "export"]), st.sampled_from(POSTS)),
)


class Field:
    def __init__(self, folder: Path):
        self.folder, self.made = folder, 0
        self.coord = Desk(folder / "coord.sqlite3", backups=False)
        import_drafts(self.coord, [draft(p) for p in POSTS], "zw", actor=COORD,
                      timezone="Africa/Harare", require_signoff=True)
        self.ids = self.coord.store.posts.ids_by_external("zw")
        self.laptops = [Desk(folder / f"r{n}.sqlite3", backups=False) for n in range(LAPTOPS)]
        self.actors = [Actor(f"reviewer-{n}") for n in range(LAPTOPS)]
        self.undone: dict[int, list[tuple[str, str]]] = {n: [] for n in range(LAPTOPS)}
        for n in range(LAPTOPS):
            self.receive(n)

    def package(self) -> Path:
        self.made += 1
        return self.folder / f"p{self.made}.rdpack"

    def receive(self, n: int) -> None:
        path = self.package()
        self.coord.make_work_package("zw", path, COORD)
        self.laptops[n].import_package(path)  # a genuine package: must never be refused

    def send(self, n: int) -> None:
        path = self.package()
        try:
            self.laptops[n].make_results_package("zw", path, self.actors[n])
        except ReviewError:
            return  # nothing to return yet
        self.coord.import_package(path)  # a genuine package: must never be refused

    def review(self, n: int, action: tuple[str, str]) -> None:
        desk, actor, post_id = self.laptops[n], self.actors[n], self.ids[action[1]]
        verb = action[0]
        try:
            if verb in ("approve", "reject", "request-changes", "reopen"):
                desk.decide(post_id, actor, verb, None if verb == "approve" else "because",
                            despite_findings=True)
            elif verb == "gloss":
                desk.rewrite(post_id, actor, desk.post(post_id).current_text, f"gloss by {actor.name}")
            elif verb.startswith("rewrite"):
                desk.rewrite(post_id, actor, "Same words." if verb == "rewrite-same" else f"Words of {actor.name}.")
            elif verb == "annotate":
                desk.annotate(post_id, actor, start=0, end=2, category="style", severity="minor")
            elif verb in ("resolve-annotation", "delete-annotation"):
                open_ones = [a for a in desk.post(post_id).annotations.values() if a.status == "open"]
                if open_ones:
                    change = desk.resolve_annotation if verb == "resolve-annotation" else desk.delete_annotation
                    change(post_id, actor, open_ones[0].id)
            elif verb == "dismiss":
                desk.dismiss_check(post_id, actor, "length", "fine as it is")
            elif verb == "undo":
                done = desk.undo(post_id, actor)
                self.undone[n].append((post_id, done.undo_event_id))
            elif self.undone[n]:
                undone_post, undo_id = self.undone[n].pop()
                desk.redo(undone_post, actor, undo_id)
        except ReviewError:
            pass  # not allowed now: a person would have been told so

    def coordinate(self, what: str, post: str) -> None:
        post_id = self.ids[post]
        try:
            if what == "signoff":
                self.coord.decide(post_id, COORD, "signoff")
            elif what == "resolve" and self.coord.post(post_id).state == wf.CONFLICT:
                branch = self.coord.post_conflict(post_id).branches[0]
                self.coord.resolve_conflict(post_id, branch.tip, COORD)
            elif what == "export":
                self.coord.export("zw", "csv", self.folder / f"e{self.made}.csv", COORD)
                self.made += 1
        except ReviewError:
            pass

    def close(self) -> None:
        for desk in (self.coord, *self.laptops):
            desk.close()


@fuzz(40)
@given(st.lists(STEP, max_size=30))
def test_genuine_packages_are_never_refused(steps):
    folder = Path(tempfile.mkdtemp(prefix="rounds-"))
    field = Field(folder)
    try:
        for step in steps:
            getattr(field, step[0])(*step[1:])
        for n in range(LAPTOPS):  # everyone sends, then everyone receives the merged work
            field.send(n)
        for n in range(LAPTOPS):
            field.receive(n)
            for post_id in field.ids.values():
                assert field.laptops[n].post(post_id) == field.coord.post(post_id)
        assert field.coord.posts_out_of_step() == []
    finally:
        field.close()
        shutil.rmtree(folder, ignore_errors=True)
