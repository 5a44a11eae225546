"""The review report's figures, for one batch or the whole database.

`gather()` reads them through the store's queries into a `ReportData`; `report_html.py` turns
that into one self-contained HTML file, and the dashboard (ui/dashboard.py) shows the same
figures and the same charts (`charts()`), so both always agree.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable
from zoneinfo import ZoneInfo

from . import charts as svg
from . import mqm
from . import workflow as wf
from .errors import stop_if
from .model import CATEGORIES, DRAFT, SEVERITIES

# Decisions a person takes on a post, as they are counted per reviewer and per day.
DECISIONS = {wf.APPROVED_EV: "approved", wf.CHANGES_REQUESTED_EV: "changes requested",
             wf.REJECTED_EV: "rejected", wf.SIGNED_OFF: "signed off", wf.REOPENED: "reopened"}
SEVERITY_COLOURS = {"neutral": "#adb5bd", "minor": "#f2b01e", "major": "#e8590c", "critical": "#b91c1c"}
DECISION_COLOURS = {"approved": "#2b8a3e", "changes requested": "#f08c00", "rejected": "#c92a2a",
                    "signed off": "#1971c2", "reopened": "#868e96"}
DAY_COLOUR = "#1971c2"


@dataclass(frozen=True)
class Decision:
    kind: str  # a value of DECISIONS
    actor: str
    at: str
    reason: str | None
    despite: tuple[str, ...] = ()  # an approval given despite open error findings: which



@dataclass
class PostFigures:
    row: dict[str, Any]  # the post as the store holds it (posts table)
    revisions: list[dict[str, Any]]
    annotations: list[dict[str, Any]]  # neither undone nor deleted
    decisions: list[Decision]  # live ones, oldest first
    score: mqm.Score | None  # None: not decided yet, so not scored

    @property
    def draft(self) -> dict[str, Any]:
        return next(r for r in reversed(self.revisions) if r["kind"] == DRAFT)

    @property
    def final(self) -> dict[str, Any]:
        return self.revisions[-1]

    @property
    def decision(self) -> Decision | None:
        return self.decisions[-1] if self.decisions else None

    @property
    def approved_despite(self) -> tuple[str, ...]:
        """The open errors the approval in force was given despite (none: empty)."""
        if self.row["state"] not in ("approved", "awaiting_signoff", "exported"):
            return ()
        approval = next((d for d in reversed(self.decisions) if d.kind == "approved"), None)
        return approval.despite if approval else ()

    @property
    def unit(self) -> str:
        return mqm.unit(self.row["target_lang"])

    def counted(self, annotation: dict[str, Any]) -> bool:
        """Whether the annotation is part of this post's score."""
        return (self.score is not None and annotation["revision_id"] == self.draft["id"]
                and mqm.counts(annotation["status"]))


@dataclass
class ReviewerFigures:
    name: str
    decisions: Counter = field(default_factory=Counter)  # DECISIONS value -> count
    rewrites: int = 0
    annotations: int = 0
    posts: set = field(default_factory=set)  # ids of the posts they decided

    @property
    def decided(self) -> int:
        return len(self.posts)


@dataclass
class ReportData:
    batch: dict[str, Any] | None  # None: the whole database
    generated_at: str
    time_zone: str  # days are counted in it
    posts: list[PostFigures]
    reviewers: list[ReviewerFigures]
    per_day: list[tuple[str, int]]  # (YYYY-MM-DD, decisions), every day from first to last

    @property
    def title(self) -> str:
        return f"batch {self.batch['name']}" if self.batch else "all batches"

    @property
    def states(self) -> Counter:
        return Counter(p.row["state"] for p in self.posts)

    @property
    def scored(self) -> list[PostFigures]:
        return [p for p in self.posts if p.score is not None]

    @property
    def score(self) -> mqm.Score | None:
        return mqm.total_score(p.score for p in self.scored)

    def errors(self) -> dict[str, Counter]:
        """category -> severity -> how many counted errors (the score's own errors)."""
        table: dict[str, Counter] = {c: Counter() for c in CATEGORIES}
        for post in self.scored:
            for a in post.annotations:
                if post.counted(a):
                    table.setdefault(a["category"], Counter())[a["severity"]] += 1
        return table

    @property
    def counted_errors(self) -> int:
        return sum(sum(c.values()) for c in self.errors().values())

    @property
    def rewrites(self) -> int:
        return sum(r.rewrites for r in self.reviewers)

    def charts(self, width: int = 640, say: Callable[[str], str] = str) -> dict[str, str]:
        """The three charts as SVG: errors, decisions by reviewer, decisions per day. `say`
        gives the words in another language (the dashboard's); the report keeps English."""
        errors = self.errors()
        severities = [(say(s), SEVERITY_COLOURS[s]) for s in SEVERITIES]
        kinds = [(say(k), colour) for k, colour in DECISION_COLOURS.items()]
        none_yet = say("no decisions yet")
        return {
            "errors": svg.stacked_bars(
                say("Errors by category and severity (scored posts)"),
                [(say(c), [errors[c][s] for s in SEVERITIES]) for c in errors], severities,
                width=width, empty=say("no errors annotated on decided posts")),
            "reviewers": svg.stacked_bars(
                say("Decisions by reviewer"), [(r.name, [r.decisions[k] for k in DECISION_COLOURS])
                                               for r in self.reviewers], kinds,
                width=width, empty=none_yet),
            "days": svg.columns(f"{say('Decisions per day')} ({self.time_zone})", self.per_day,
                                DAY_COLOUR, width=width, empty=none_yet),
        }


def gather(core, batch: str | None = None, should_stop=None) -> ReportData:
    """Every figure of the report, for one batch or (batch=None) the whole database."""
    info = core.batch(batch) if batch is not None else None
    store = core.store
    rows = core.with_offsets(store.posts.rows(batch=batch))
    revisions = _by_post(store.reports.revisions(batch))
    annotations = _by_post(store.reports.annotations(batch))
    stop_if(should_stop, "the report")
    decisions = _live_decisions(
        store, store.events.of_kinds(list(DECISIONS) + [wf.UNDONE, wf.CONFLICT_RESOLVED], batch))
    posts = [_post_figures(row, revisions[row["id"]], annotations.get(row["id"], []),
                           decisions.get(row["id"], [])) for row in rows]
    zone = info["timezone"] if info else "UTC"
    reviewers = _reviewers(posts, decisions)
    return ReportData(info, _now(), zone, posts, reviewers, _per_day(decisions, zone))


def _by_post(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["post_id"]].append(row)
    return grouped


def _live_decisions(store, events) -> dict[str, list[tuple[str, Decision]]]:
    """post id -> (post id, Decision) of its decisions still in force: not taken back by a live
    undo, nor set aside by a conflict resolution."""
    by_post: dict[str, list] = defaultdict(list)
    for event in events:
        by_post[event.post_id].append(event)
    # A resolution sets aside whole branches of a post's log, which only its whole log tells;
    # posts never in conflict (nearly all) are told from their undo events alone.
    resolved = [post_id for post_id, post_events in by_post.items()
                if any(e.kind == wf.CONFLICT_RESOLVED for e in post_events)]
    whole_logs = store.events.of_posts(resolved) if resolved else {}
    live: dict[str, list[tuple[str, Decision]]] = {}
    for post_id, post_events in by_post.items():
        if post_id in whole_logs:
            in_force = wf.live_events(whole_logs[post_id])
        else:
            cancelled = wf.cancelled_ids(post_events)  # looks at the undo events only
            in_force = [e for e in post_events if e.kind != wf.UNDONE and e.id not in cancelled]
        live[post_id] = [(post_id, Decision(DECISIONS[e.kind], e.actor, e.at, e.payload.get("reason"),
                                            tuple(e.payload.get("despite", ()))))
                         for e in in_force if e.kind in DECISIONS]
    return live


def _post_figures(row, revisions, annotations, decisions) -> PostFigures:
    post = PostFigures(row, revisions, annotations, [d for _, d in decisions], None)
    if row["state"] in mqm.SCORED_STATES:
        draft_id = post.draft["id"]
        errors = [(a["severity"], a["subcategory"]) for a in annotations
                  if a["revision_id"] == draft_id and mqm.counts(a["status"])]
        post.score = mqm.post_score(post.draft["text"], row["target_lang"], errors)
    return post


def _reviewers(posts: list[PostFigures], decisions) -> list[ReviewerFigures]:
    people: dict[str, ReviewerFigures] = {}

    def person(name: str) -> ReviewerFigures:
        return people.setdefault(name, ReviewerFigures(name))

    for entries in decisions.values():
        for post_id, d in entries:
            person(d.actor).decisions[d.kind] += 1
            person(d.actor).posts.add(post_id)
    for post in posts:
        for r in post.revisions:
            if r["kind"] != DRAFT:
                person(r["author"]).rewrites += 1
        for a in post.annotations:
            person(a["author"]).annotations += 1
    return sorted(people.values(), key=lambda r: (-r.decided, r.name.casefold()))


def _per_day(decisions, zone: str) -> list[tuple[str, int]]:
    """Decisions per calendar day in `zone`, every day from the first to the last (a quiet
    day shows as an empty bar, not as a missing one)."""
    tz = ZoneInfo(zone)
    days = Counter(datetime.fromisoformat(d.at).astimezone(tz).date()
                   for entries in decisions.values() for _, d in entries)
    if not days:
        return []
    first, last = min(days), max(days)
    span = (last - first).days + 1
    if span > 366:  # a year of empty days says nothing: show only the active ones
        return [(day.isoformat(), days[day]) for day in sorted(days)]
    from datetime import timedelta

    return [((first + timedelta(n)).isoformat(), days[first + timedelta(n)]) for n in range(span)]


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
