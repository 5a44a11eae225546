"""Issue 15: `history` and `show` (and the window's History) list a post's events in time order,
ties in the order of the log, wherever they came from: after a merge, the log holds each
package's events in the order the packages were imported, so Nomsa's 01:58 came before Tendai's
01:57. And `scheduled_at` carries an offset in every output."""
from __future__ import annotations

import json
import time

from review import Actor
from tests.cli.runner import run
from tests.exchange.support import coordinator_laptop, reviewer_laptop
from tests.helpers import COORD

TENDAI, NOMSA = Actor("Tendai"), Actor("Nomsa")


def test_events_merged_out_of_order_are_shown_in_time_order(tmp_path):
    coord, ids = coordinator_laptop(tmp_path)
    post = ids["ZW-1"]
    coord.make_work_package("zw", tmp_path / "w.rdpack", COORD)
    tendai = reviewer_laptop(tmp_path, "tendai", tmp_path / "w.rdpack")
    nomsa = reviewer_laptop(tmp_path, "nomsa", tmp_path / "w.rdpack")
    tendai.annotate(post, TENDAI, start=0, end=2, category="style", severity="minor", comment="first")
    time.sleep(0.01)  # times are kept to the millisecond
    nomsa.annotate(post, NOMSA, start=0, end=2, category="style", severity="minor", comment="second")
    nomsa.make_results_package("zw", tmp_path / "n.rdpack", NOMSA)
    tendai.make_results_package("zw", tmp_path / "t.rdpack", TENDAI)
    coord.import_package(tmp_path / "n.rdpack")  # Nomsa's later work is merged first
    coord.import_package(tmp_path / "t.rdpack")
    logged = [e.actor for e in coord.history(post) if e.kind == "post.annotated"]
    assert logged == ["Nomsa", "Tendai"], "the log is in import order"
    shown = coord.timeline(post)
    assert [e.actor for e in shown if e.kind == "post.annotated"] == ["Tendai", "Nomsa"]
    assert [e.at for e in shown] == sorted(e.at for e in shown)
    assert sorted(e.id for e in shown) == sorted(e.id for e in coord.history(post))
    for desk in (coord, tendai, nomsa):
        desk.close()

    db = tmp_path / "coordinator.sqlite3"
    lines = run(db, "history", post).stdout.splitlines()
    assert [line.split()[1] for line in lines] == [e.actor for e in shown]
    events = json.loads(run(db, "show", post, "--json").stdout)["events"]
    assert [e["at"] for e in events] == sorted(e["at"] for e in events)


def test_ties_keep_the_order_of_the_log(tmp_path, monkeypatch):
    from review import core as core_module

    coord, ids = coordinator_laptop(tmp_path)
    monkeypatch.setattr(core_module, "utc_now", lambda: "2199-12-06T01:57:00.000Z")
    post = ids["ZW-2"]
    coord.rewrite(post, COORD, "Twelve boreholes.")  # opened, then rewritten: the same time
    assert [e.kind for e in coord.timeline(post)][-2:] == ["post.opened", "post.rewritten"]
    assert coord.timeline(post)[0].kind == "post.imported"
    coord.close()


def test_scheduled_at_always_carries_an_offset(tmp_path):
    db = tmp_path / "d.sqlite3"
    source = tmp_path / "zw.csv"
    source.write_text("id,platform,source_lang,source_text,target_lang,draft_text,scheduled_at\n"
                      "A,x,zh-CN,源文,en,Draft,2026-12-07 09:30\n"
                      "B,x,zh-CN,源文,en,Draft,2026-12-07T09:30:00Z\n", encoding="utf-8")
    assert run(db, "import", str(source), "--timezone", "Africa/Harare").returncode == 0
    posts = json.loads(run(db, "posts", "--json").stdout)
    assert [p["scheduled_at"] for p in posts] == ["2026-12-07T09:30:00+02:00",
                                                 "2026-12-07T09:30:00+00:00"]
    shown = json.loads(run(db, "show", "A", "--json").stdout)
    assert shown["scheduled_at"] == "2026-12-07T09:30:00+02:00"
    assert "scheduled 2026-12-07T09:30:00+02:00" in run(db, "show", "A").stdout
