"""Sync with HQ's PostgreSQL server: send the events this desk has and the server lacks,
receive the events of the batches this login may see, and merge them exactly as a package
import does (merge.merge_staged: the same checks of every event, the same conflicts).

A batch at a time, each step durable on its own: a batch sent is one server transaction, and
then this desk notes how far it got; a batch received is one write transaction here that
stores its events and how far it got together. A sync stopped at any moment (killed, the
connection cut, Cancel) leaves both sides as they were after the last whole step, and the next
sync goes on from there: the server ignores an event it holds already, this desk one it has.

The server decides what a login may do (row-level security: review/store/server_schema.py);
a batch the server holds for others is not sent ("held back") and the desk keeps its events.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from .. import event_rules as rules
from .. import workflow as wf
from ..core import Core
from ..errors import ImportFailed, Problem, ReviewError, stop_if
from ..importing import sample_batches_here
from ..merge import Arrival, merge_staged
from ..model import Event
from ..store.server_schema import PAYLOAD_CAP
from ..store.syncs import origin_of
from ..texts import counted, said
from .connection import opened
from .credentials import Target, parse, remember

SERVER_SETTING = "sync.server"  # the server's URL, without its password
AUTOMATIC_SETTING = "sync.automatic"  # "1": the window syncs by itself when it can
STAGE_SLICE = 2_000

Progress = Callable[[int, int], None]


@dataclass
class SyncDone:
    server: str  # the URL, without the password
    pushed: int = 0  # events the server did not have
    pulled: int = 0  # events this desk did not have
    claimed: list[str] = field(default_factory=list)  # batches this desk brought to the server
    held_back: dict[str, int] = field(default_factory=dict)  # batch -> events not sent
    conflicts: list[str] = field(default_factory=list)  # posts in conflict after what was received
    changed_batches: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # batches refused, one line each

    def summary(self) -> str:
        text = (f"synced with {self.server}: {counted(self.pushed, 'event')} sent, "
                f"{counted(self.pulled, 'event')} received")
        if self.claimed:
            text += f"; brought to the server by this desk: {', '.join(self.claimed)}"
        if self.held_back:
            text += "; not sent (the server holds the batch for others; ask HQ to grant it): " + ", ".join(
                f"{batch} ({counted(n, 'event')})" for batch, n in self.held_back.items())
        if self.conflicts:
            text += f"; {counted(len(self.conflicts), 'post')} in conflict (review-desk conflicts)"
        return text

    def as_json(self) -> dict[str, Any]:
        return {"server": self.server, "pushed": self.pushed, "pulled": self.pulled,
                "claimed": self.claimed, "held_back": self.held_back, "conflicts": self.conflicts,
                "problems": self.problems}


@dataclass(frozen=True)
class SyncStatus:
    server: str | None
    last_sync: str | None  # UTC, ISO
    waiting: int  # events of this desk the server has not had from it (0 without a server)
    automatic: bool


def saved_server(core: Core) -> str | None:
    return core.store.settings.get(SERVER_SETTING)


def status(core: Core) -> SyncStatus:
    url = saved_server(core)
    last = core.store.syncs.last()
    waiting = 0
    if last is not None:
        waiting = sum(unsent(core, last["server"]).values())
    elif url:
        waiting = sum(unsent(core, "").values())
    return SyncStatus(url, last and last["finished_at"], waiting,
                      core.store.settings.get(AUTOMATIC_SETTING) == "1")


def unsent(core: Core, server: str) -> dict[str, int]:
    """batch -> its events this server has not had from here; never the sample batches."""
    samples = sample_batches_here(core)
    return {batch: n for batch, n in core.store.syncs.unsent_by_batch(server).items()
            if batch not in samples}


def set_automatic(core: Core, on: bool) -> None:
    with core.store.write():
        core.store.settings.set(AUTOMATIC_SETTING, "1" if on else "0")


def sync(core: Core, url: str | None = None, progress: Progress | None = None,
         should_stop=None) -> SyncDone:
    """Send, then receive, a batch at a time (see the module's docstring)."""
    url = url or saved_server(core)
    if not url:
        raise ReviewError(said("sync-no-server"))
    target = parse(url)
    with opened(target) as server:
        remember(target)  # the password works: keep it, outside the database
        if core.store.settings.get(SERVER_SETTING) != target.shown:
            with core.store.write():
                core.store.settings.set(SERVER_SETTING, target.shown)
        run = _Run(core, server, target, progress, should_stop)
        run.push()
        run.pull()
        with core.store.write():
            core.store.syncs.record(run.server_id, target.shown, run.done.pushed, run.done.pulled)
    return run.done


class _Run:
    def __init__(self, core: Core, server, target: Target, progress, should_stop):
        self.core, self.server, self.target = core, server, target
        self.progress, self.should_stop = progress, should_stop
        self.server_id = server.server_id()
        self.done = SyncDone(target.shown)
        self.moved, self.total = 0, 0

    def tell(self, moved: int) -> None:
        self.moved += moved
        if self.progress is not None:
            self.progress(min(self.moved, self.total), max(self.total, 1))

    # -- sending ---------------------------------------------------------------------------

    def push(self) -> None:
        waiting = unsent(self.core, self.server_id)
        self.total = sum(waiting.values())
        for batch, count in waiting.items():
            stop_if(self.should_stop, "the sync")
            claim = self.server.claim(batch)
            if claim == "refused":
                self.done.held_back[batch] = count
            else:
                if claim == "claimed":
                    self.done.claimed.append(batch)
                self._push_batch(batch)
            self.tell(count)

    def _push_batch(self, batch: str) -> None:
        import psycopg

        from ..store.server import EventsAltered

        marks = self.core.store.syncs.marks(self.server_id)
        pushed_mark, pulled_mark = marks.get(batch, (0, 0))
        last = [pushed_mark]

        def rows() -> Iterator[tuple]:
            for row in self.core.store.syncs.unsent(self.server_id, batch, pushed_mark):
                last[0] = row[0]
                yield row[1:]

        try:
            added, before, after = self.server.push(batch, rows())
        except EventsAltered as err:
            self.done.problems.append(said("sync-events-altered", batch=batch, count=len(err.ids),
                                           first=err.ids[0]))
            return
        except psycopg.errors.UniqueViolation as err:
            other_batch = err.diag.constraint_name == "events_one_creation"
            self.done.problems.append(said("sync-batch-other" if other_batch else "sync-events-elsewhere",
                                           batch=batch))
            return
        except psycopg.errors.InsufficientPrivilege:
            self.done.problems.append(said("sync-events-not-allowed", batch=batch))
            return
        with self.core.store.write():
            self.core.store.syncs.set_pushed(self.server_id, batch, last[0])
            if pulled_mark >= before:  # nothing arrived from others between: none to receive
                self.core.store.syncs.set_pulled(self.server_id, batch, after)
        self.done.pushed += added

    # -- receiving -------------------------------------------------------------------------

    def pull(self) -> None:
        marks = self.core.store.syncs.marks(self.server_id)
        wanted = {batch: self.server.count_after(batch, marks.get(batch, (0, 0))[1])
                  for batch in self.server.visible_batches()}
        wanted = {batch: n for batch, n in wanted.items() if n}
        self.moved, self.total = 0, sum(wanted.values())
        for batch in wanted:
            stop_if(self.should_stop, "the sync")
            try:
                self._pull_batch(batch, marks.get(batch, (0, 0))[1])
            except ImportFailed as err:
                self.done.problems.extend(err.lines[:-1])

    def _pull_batch(self, batch: str, after: int) -> None:
        staging = self.core.store.staging
        arrival = Arrival(f"{self.target.shown} ({batch})", batch, "sync", member="events")
        staging.reset()
        try:
            last = self._stage(arrival, self.server.pull(batch, after))
            stop_if(self.should_stop, "the sync")
            with self.core.store.write():
                syncs = self.core.store.syncs
                nothing_waits = batch not in syncs.unsent_by_batch(self.server_id)
                merged = merge_staged(self.core, arrival, origin_of(self.server_id))
                syncs.set_pulled(self.server_id, batch, last)
                if nothing_waits:  # what was just kept came from the server: nothing to send
                    syncs.set_pushed(self.server_id, batch, syncs.last_seq(batch))
                stop_if(self.should_stop, "the sync")
        finally:
            staging.drop()
        self.done.pulled += merged.events_added
        if merged.events_added:
            self.done.changed_batches.append(batch)
        self.done.conflicts += [p.id for p in merged.posts if p.state == wf.CONFLICT]

    def _stage(self, arrival: Arrival, slices: Iterable[list[tuple]]) -> int:
        """Check each event's shape as it arrives and stage it; returns the last seq seen."""
        problems: list[Problem] = []
        last = 0
        for rows in slices:
            staged = []
            for seq, *columns in rows:
                last = seq
                raw, why = _raw_event(columns)
                why = why or rules.event_problem(raw, arrival.batch)
                if why:
                    problems.append(Problem(arrival.name, seq, arrival.member, why))
                else:
                    staged.append((Event(**raw), seq))
            problems += [Problem(arrival.name, line, arrival.member, said("event-twice-at", line=line))
                         for line in self.core.store.staging.add(staged)]
            if len(problems) >= 20:
                break
            self.tell(len(rows))
            stop_if(self.should_stop, "the sync")
        if problems:
            raise ImportFailed(problems[:20])
        return last


def _raw_event(columns: list) -> tuple[dict[str, Any] | None, Any]:
    keys = rules.EVENT_KEYS
    if len(columns[-1]) > PAYLOAD_CAP:  # cut short by the pull (store/server.py)
        return None, said("sync-event-too-large", limit=f"{PAYLOAD_CAP >> 20} MB")
    try:
        payload = json.loads(columns[-1])
    except (ValueError, RecursionError) as err:
        return None, said("member-not-json", detail=str(err)[:200])
    return dict(zip(keys, [*columns[:-1], payload])), None
