"""A realistically reviewed sample database for the report's and the dashboard's pictures and
tests: the bundled batches, three people deciding over five days, annotations of every kind."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from review import Actor, Desk

TENDAI, NOMSA = Actor("Tendai", "reviewer"), Actor("Nomsa", "reviewer")
LI_WEI = Actor("李伟", "coordinator")


class Clock:
    """Stands in for the desk's clock: each event a few minutes after the last, days apart."""

    def __init__(self, start: str = "2026-11-23T07:00:00"):
        self.now = datetime.fromisoformat(start).replace(tzinfo=timezone.utc)

    def __call__(self) -> str:
        self.now += timedelta(minutes=7)
        return self.now.isoformat(timespec="milliseconds").replace("+00:00", "Z")

    def next_day(self) -> None:
        self.now = (self.now + timedelta(days=1)).replace(hour=7, minute=0)


def review_sample(desk: Desk, monkeypatch) -> dict[str, str]:
    """Load the sample and review much of it; returns post ids by external id."""
    clock = Clock()
    monkeypatch.setattr("review.desk.utc_now", clock)
    desk.load_sample(LI_WEI)
    ids = {**desk.store.posts.ids_by_external("zimbabwe-boreholes"),
           **desk.store.posts.ids_by_external("chengdu-hitech-zone")}

    def draft_span(external: str, word: str) -> tuple[int, int]:
        text = desk.post(ids[external]).draft.text
        start = max(text.find(word), 0)
        return start, start + max(len(word), 1)

    def mark(external, who, word, category, severity, comment="", subcategory=None):
        start, end = draft_span(external, word)
        desk.annotate(ids[external], who, start=start, end=end, revision=0, category=category,
                      severity=severity, comment=comment, subcategory=subcategory)

    # Day 1: Tendai works through the first drilling updates.
    mark("ZW-001", TENDAI, "Bush Pump", "terminology", "minor", "Locals say 'bush pump' (lower case).")
    desk.decide(ids["ZW-001"], TENDAI, "approve")
    mark("ZW-002", TENDAI, "Warmly celebrate", "style", "major", "Reads like a slogan here.")
    mark("ZW-002", TENDAI, "Well Digging", "terminology", "major", "Say 'borehole'.")
    desk.rewrite(ids["ZW-002"], TENDAI, "28 boreholes in Zaka District now belong to their "
                 "communities. The Chinese Ambassador, the Minister of State for Masvingo and "
                 "Chief Chida handed them over today.", back_translation="扎卡区的28眼钻井今天移交给了社区。")
    desk.decide(ids["ZW-002"], TENDAI, "approve")
    clock.next_day()
    # Day 2: Nomsa on the team stories; the coordinator signs off.
    mark("ZW-003", NOMSA, "comrades", "audience-appropriateness", "critical",
         "'Comrades' reads as political in Zimbabwe.")
    mark("ZW-003", NOMSA, "masses", "audience-appropriateness", "major", "Condescending.")
    desk.decide(ids["ZW-003"], NOMSA, "request-changes", "Please rewrite without political words.")
    mark("ZW-004", NOMSA, "water wells", "terminology", "major", "Borehole, not well.")
    mark("ZW-004", NOMSA, ".", "fluency", "minor", "Missing full stop.", "punctuation")
    desk.rewrite(ids["ZW-004"], NOMSA, "This week our drilling team drilled 8 new boreholes in "
                 "Gokwe, Midlands Province. #ZWBoreholes1000")
    desk.decide(ids["ZW-004"], NOMSA, "approve")
    desk.decide(ids["ZW-002"], LI_WEI, "signoff")
    clock.next_day()
    clock.next_day()
    # Day 4: the Chengdu press posts.
    for n, external in enumerate(["CD-001", "CD-002", "CD-003", "CD-004", "CD-005", "CD-006"]):
        if external not in ids:
            continue
        who = TENDAI if n % 2 else LI_WEI
        if n == 1:
            mark(external, who, "Warmly", "style", "major", "Too effusive for LinkedIn.")
            desk.decide(ids[external], who, "reject", "Propaganda tone; HQ to redraft.")
        else:
            if n == 3:
                mark(external, who, "", "accuracy", "minor", "Check the date.")
            desk.decide(ids[external], who, "approve")
    clock.next_day()
    # Day 5: a few more Zimbabwe posts.
    for external in ("ZW-005", "ZW-006", "ZW-007"):
        desk.decide(ids[external], NOMSA, "approve")
    return ids
