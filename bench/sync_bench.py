"""Sync through a real PostgreSQL server (started here in a temporary folder, as the tests do).
On demand:

    .venv/bin/python bench/sync_bench.py [--sizes 10000,100000] [--offices 100] [--per-office 1000]
                                         [--parallel 4] [--offline 5000]

- send N events (a desk's first sync of a batch of N-2 posts) and receive them (a second desk's
  first sync: every event checked and merged as a package's, every post replayed), beside
  PostgreSQL's own COPY of the same rows (into a table like the server's events table, with its
  indexes, and out of it): the floor;
- a laptop one week offline: its office made `--offline` events meanwhile, it made 500; the
  time of the one sync that catches up;
- `--offices` offices with `--per-office` events each, syncing against one server, `--parallel`
  at a time (each sync its own process): the throughput, and the median and 95th percentile of
  one sync.
Prints a Markdown table (the README's).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from review import Actor, Desk  # noqa: E402
from review.importing import import_drafts  # noqa: E402
from review.sync import admin  # noqa: E402
from tests.helpers import COORD, draft  # noqa: E402
from tests.sync.cluster import start_cluster  # noqa: E402

REVIEWER = Actor("Tendai", "reviewer")


def desk_with(path: Path, batch: str, posts: int) -> Desk:
    desk = Desk(path, backups=False, daily_backup=False)
    import_drafts(desk, [draft(f"{batch}-{n}") for n in range(posts)], batch, actor=COORD)
    return desk


def timed(call) -> tuple[float, object]:
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def copy_floor(url: str, desk: Desk) -> tuple[float, float]:
    """Seconds to COPY the desk's events into a fresh table like the server's events table (the
    same columns, defaults and indexes; not its foreign key, triggers or row-level security),
    and out of it."""
    import psycopg

    rows = list(desk.store.conn.execute(
        "SELECT id, kind, batch, post_id, actor, role, at, parent, payload FROM events"))
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS copy_floor")
        conn.execute("CREATE TABLE copy_floor (LIKE review_desk.events INCLUDING ALL)")
        start = time.perf_counter()
        with conn.transaction(), conn.cursor() as cur:
            with cur.copy("COPY copy_floor (id, kind, batch, post_id, actor, role, at, parent, payload)"
                          " FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        into = time.perf_counter() - start
        start = time.perf_counter()
        with conn.cursor() as cur:
            with cur.copy("COPY copy_floor TO STDOUT") as copy:
                for _ in copy.rows():
                    pass
        out = time.perf_counter() - start
        conn.execute("DROP TABLE copy_floor")
    return into, out


def send_and_receive(cluster, folder: Path, size: int, n: int) -> list[tuple[str, str]]:
    url = cluster.new_hq(f"bench{n}")
    admin.init(url)
    hq = desk_with(folder / f"hq{n}.sqlite3", "b", size - 2)  # a batch: its creation, its file, its posts
    events = hq.store.events.count()
    push, done = timed(lambda: hq.sync(url))
    assert done.pushed == events
    other = Desk(folder / f"other{n}.sqlite3", backups=False, daily_backup=False)
    pull, got = timed(lambda: other.sync(url))
    assert got.pulled == events
    into, out = copy_floor(url, hq)
    fetch = fetch_time(url)
    hq.close(), other.close()
    return [(f"send {events:,} events (first sync of a batch)", f"{push:.2f} s, {events / push:,.0f} events/s; "
             f"COPY into a table: {into:.2f} s ({events / into:,.0f}/s); sync at {into / push:.0%} of COPY's rate"),
            (f"receive {events:,} events (checked, merged, posts replayed)",
             f"{pull:.2f} s, {events / pull:,.0f} events/s (the merge, as a package import's)"),
            (f"of which fetching the {events:,} events from the server",
             f"{fetch:.2f} s, {events / fetch:,.0f} events/s; COPY out: {out:.2f} s ({events / out:,.0f}/s); "
             f"sync at {out / fetch:.0%} of COPY's rate")]


def fetch_time(url: str) -> float:
    """Seconds to read every event of batch "b" as a sync does (a server-side cursor, 2,000
    rows at a time), without merging them."""
    from review.store.server import Server, connect

    server = Server(connect(url))
    try:
        start = time.perf_counter()
        for _ in server.pull("b", 0):
            pass
        return time.perf_counter() - start
    finally:
        server.close()


def week_offline(cluster, folder: Path, offline: int) -> list[tuple[str, str]]:
    url = cluster.new_hq("benchweek")
    admin.init(url)
    posts = offline // 2
    hq = desk_with(folder / "week-hq.sqlite3", "week", posts)
    hq.sync(url)
    office = admin.add_office(url, "weekly").url
    admin.grant(url, "weekly", "week")
    laptop = Desk(folder / "week-laptop.sqlite3", backups=False, daily_backup=False)
    laptop.sync(office)
    ids = sorted(hq.store.posts.ids_by_external("week").values())
    before = hq.store.events.count()
    hq.decide_many(ids, COORD, "approve")  # a week of the office's work, made elsewhere
    made = hq.store.events.count() - before
    hq.sync()
    mine = laptop.store.events.count()
    for post_id in ids[:250]:
        laptop.decide(post_id, REVIEWER, "reject", "Not for this week")
    mine = laptop.store.events.count() - mine
    took, done = timed(laptop.sync)
    hq.close(), laptop.close()
    return [(f"a laptop one week offline: {made:,} events to receive, {mine} to send",
             f"{took:.2f} s ({done.pulled:,} received, {done.pushed} sent, "
             f"{len(done.conflicts)} posts in conflict)")]


def _office_sync(args: tuple[str, str]) -> tuple[float, int]:
    path, url = args
    os.environ["REVIEW_DESK_CONFIG"] = str(Path(path).parent / "config")
    with Desk(path, backups=False, daily_backup=False) as desk:
        start = time.perf_counter()
        done = desk.sync(url)
        return time.perf_counter() - start, done.pushed


def many_offices(cluster, folder: Path, offices: int, per_office: int, parallel: int) -> list[tuple[str, str]]:
    url = cluster.new_hq("benchmany")
    admin.init(url)
    jobs = []
    for n in range(offices):
        office = admin.add_office(url, f"office{n}").url
        path = folder / f"office{n}.sqlite3"
        desk_with(path, f"office{n}-batch", per_office - 2).close()
        jobs.append((str(path), office))
    start = time.perf_counter()
    with ProcessPoolExecutor(parallel) as pool:
        results = list(pool.map(_office_sync, jobs))
    wall = time.perf_counter() - start
    times = sorted(t for t, _ in results)
    events = sum(n for _, n in results)
    p95 = times[max(0, int(round(0.95 * len(times))) - 1)]
    return [(f"{offices} offices x {per_office:,} events, {parallel} syncing at a time",
             f"{wall:.1f} s, {events / wall:,.0f} events/s; one sync: median "
             f"{statistics.median(times):.2f} s, 95th percentile {p95:.2f} s")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--offline", type=int, default=5000)
    parser.add_argument("--offices", type=int, default=100)
    parser.add_argument("--per-office", type=int, default=1000)
    parser.add_argument("--parallel", type=int, default=4)
    args = parser.parse_args()
    cluster = start_cluster()
    rows: list[tuple[str, str]] = []
    try:
        with tempfile.TemporaryDirectory() as folder:
            folder = Path(folder)
            os.environ["REVIEW_DESK_CONFIG"] = str(folder / "config")
            for n, size in enumerate(int(s) for s in args.sizes.split(",")):
                rows += send_and_receive(cluster, folder, size, n)
            rows += week_offline(cluster, folder, args.offline)
            rows += many_offices(cluster, folder, args.offices, args.per_office, args.parallel)
    finally:
        cluster.stop()
    print("| sync (PostgreSQL 15, on this machine) | time |\n|---|---|")
    for what, figure in rows:
        print(f"| {what} | {figure} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
