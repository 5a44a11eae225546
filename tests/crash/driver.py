"""A long scripted review session for the crash-safety tests.

It works through the real `Desk` (imports, decisions, rewrites, annotations, undo, exports,
reviewers' results packages merged) and
prints one acknowledgement line of JSON after each action returned, i.e. after its COMMIT; the
test kills it with SIGKILL at a random moment and checks that everything acknowledged is there.

    python tests/crash/driver.py DB SEED WORKDIR [ACTIONS]

With ACTIONS it stops after that many acknowledged actions (the two-writer test runs two at once;
a `busy` refusal is acknowledged as such: the desk said clearly that nothing was done).
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from review import Actor, Desk  # noqa: E402
from review.errors import DeskBusy, ReviewError  # noqa: E402

COORDINATOR = Actor("Chipo", "coordinator")
REVIEWERS = (Actor("Tendai", "reviewer"), Actor("Nyasha", "reviewer"))
CATEGORIES = ("accuracy", "fluency", "terminology", "style")


def ack(**fields) -> None:
    sys.stdout.write(json.dumps(fields, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def write_batch(folder: Path, name: str, rng: random.Random) -> Path:
    rows = ["id,platform,source_lang,source_text,target_lang,draft_text"]
    for n in range(rng.randint(5, 15)):
        rows.append(f"{name}-{n},facebook,zh-CN,我们在第{n}个村庄打了{rng.randint(2, 40)}口井。,en,"
                    f"We drilled {rng.randint(2, 40)} wells in village {n}.")
    path = folder / f"{name}.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


class Session:
    def __init__(self, desk: Desk, seed: int, workdir: Path):
        self.desk, self.rng, self.workdir, self.seed = desk, random.Random(seed), workdir, seed
        self.post_ids = [row["id"] for row in desk.posts()]
        self.packages = sorted(workdir.glob("*.rdpack"))  # reviewers' results, made by the test
        self.step = 0

    def run(self, actions: int | None = None) -> None:
        while actions is None or self.step < actions:
            self.step += 1
            roll = self.rng.random()
            try:
                if roll < 0.03 or not self.post_ids:
                    self.import_batch()
                elif roll < 0.06:
                    self.export()
                elif roll < 0.08 and self.packages:
                    self.import_package()
                else:
                    self.act_on_a_post()
            except DeskBusy as busy:
                ack(kind="busy", message=str(busy))
            except ReviewError:
                continue  # refused by the workflow: nothing was done, nothing to acknowledge

    def import_batch(self) -> None:
        name = f"s{self.seed}-{self.step}"
        result = self.desk.import_batch(write_batch(self.workdir, name, self.rng), batch=name,
                                        actor=COORDINATOR)
        self.post_ids = [row["id"] for row in self.desk.posts()]
        ack(kind="import", batch=name, posts=result.added + result.unchanged)

    def import_package(self) -> None:
        package = self.rng.choice(self.packages)
        result = self.desk.import_package(package)
        self.post_ids = [row["id"] for row in self.desk.posts()]
        ack(kind="package", path=str(package), added=result.events_added)

    def export(self) -> None:
        batch = self.rng.choice(self.desk.batches())["name"]
        fmt = self.rng.choice(("csv", "json", "xlsx"))
        out = self.workdir / f"export-{self.seed}-{self.step}.{fmt}"
        result = self.desk.export(batch, fmt, out, COORDINATOR)
        ack(kind="export", export_id=result.export_id, path=str(out), sha256=result.sha256)

    def act_on_a_post(self) -> None:
        post_id = self.rng.choice(self.post_ids)
        actor = self.rng.choice(REVIEWERS)
        action = self.rng.choice(("rewrite", "annotate", "approve", "approve", "reject",
                                  "request-changes", "reopen", "undo", "undo"))
        desk = self.desk
        if action == "rewrite":
            post = desk.rewrite(post_id, actor, f"Rewrite {self.step} by {actor.name}: 我们打了井。",
                                back_translation="We drilled wells.")
        elif action == "annotate":
            text = desk.post(post_id).current_text
            post = desk.annotate(post_id, actor, start=0, end=min(5, len(text)),
                                 category=self.rng.choice(CATEGORIES), severity="minor",
                                 comment=f"note {self.step}")
        elif action == "undo":
            post = desk.undo(post_id, actor).post
        else:
            reason = None if action == "approve" else f"reason {self.step}"
            post = desk.decide(post_id, actor, action, reason, despite_findings=True)
        ack(kind=action, post=post_id, head=post.head)


def main(db: str, seed: str, workdir: str, actions: str | None = None) -> None:
    with Desk(db) as desk:
        # An approval runs the checks (language detection included): their models load before
        # "ready", so the kills land in the middle of decisions, not in a model's loading.
        from review.hints.language import warm_up

        warm_up()
        ack(kind="ready")
        Session(desk, int(seed), Path(workdir)).run(int(actions) if actions else None)


if __name__ == "__main__":
    main(*sys.argv[1:5])
