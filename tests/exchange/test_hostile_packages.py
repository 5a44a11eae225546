"""Packages are untrusted: every kind of bad package is refused and the database is unchanged."""
from __future__ import annotations

import hashlib
import json
import stat
import zipfile
from pathlib import Path

import pytest

from review.errors import ImportFailed
from review.texts import Said
from tests.exchange.support import TENDAI, coordinator_laptop, reviewer_laptop, snapshot
from tests.helpers import COORD


@pytest.fixture
def setup(tmp_path):
    coord, ids = coordinator_laptop(tmp_path)
    work = tmp_path / "zw-work.rdpack"
    coord.make_work_package("zw", work, COORD)
    tendai = reviewer_laptop(tmp_path, "tendai", work)
    tendai.decide(ids["ZW-1"], TENDAI, "approve")
    results = tmp_path / "results.rdpack"
    tendai.make_results_package("zw", results, TENDAI)
    yield coord, results, tmp_path
    coord.close()
    tendai.close()


def members_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def write_zip(path: Path, members: dict[str, bytes], *, extra: list[zipfile.ZipInfo] = (),
              compression=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        for info, data in extra:
            zf.writestr(info, data)
    return path


def resigned(members: dict[str, bytes], **manifest_changes) -> dict[str, bytes]:
    """The members with a manifest whose checksums match them again (a careful forger)."""
    manifest = json.loads(members["manifest.json"])
    manifest["members"] = {n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
                           for n, d in members.items() if n != "manifest.json"}
    manifest.update(manifest_changes)
    return dict(members, **{"manifest.json": json.dumps(manifest).encode()})


def refused(coord, path: Path, match: str) -> None:
    before = snapshot(coord)
    packages = coord.store.packages()
    with pytest.raises(ImportFailed, match=match) as caught:
        coord.import_package(path)
    # every problem is a named message, so the window can show it in its own language
    assert all(isinstance(p.message, Said) for p in caught.value.problems), caught.value.problems
    assert snapshot(coord) == before
    assert coord.store.packages() == packages


def test_a_changed_member_fails_its_checksum(setup):
    coord, results, tmp = setup
    members = members_of(results)
    members["events.jsonl"] = members["events.jsonl"].replace(b'"post.approved"', b'"post.rejected"')
    refused(coord, write_zip(tmp / "tampered.rdpack", members), "SHA-256 checksum does not match")


def test_a_truncated_package_is_refused(setup):
    coord, results, tmp = setup
    data = results.read_bytes()
    (tmp / "cut.rdpack").write_bytes(data[: len(data) // 2])
    refused(coord, tmp / "cut.rdpack", "damaged or truncated")


@pytest.mark.parametrize("name, why", [
    ("../evil.json", r"climbs out of the package"),
    ("/etc/evil.json", "absolute path"),
    ("C:/evil.json", "absolute path"),
    ("sub/../../evil.json", "climbs out"),
    ("sub/evil.json", "inside a folder"),
])
def test_member_paths_that_leave_the_package_are_refused(setup, name, why):
    coord, results, tmp = setup
    members = members_of(results)
    members[name] = b"{}"
    refused(coord, write_zip(tmp / "paths.rdpack", members), why)
    assert not (tmp.parent / "evil.json").exists()


def test_a_symlink_member_is_refused(setup):
    coord, results, tmp = setup
    link = zipfile.ZipInfo("batch2.json")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    path = write_zip(tmp / "link.rdpack", members_of(results), extra=[(link, b"/etc/passwd")])
    refused(coord, path, "symbolic link")


def test_a_member_not_in_the_manifest_is_refused(setup):
    coord, results, tmp = setup
    members = members_of(results)
    members["notes.json"] = b"{}"
    refused(coord, write_zip(tmp / "extra.rdpack", members), "not in the manifest")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(setup):
    coord, results, tmp = setup
    members = members_of(results)
    members["events.jsonl"] = b"\n" * (50 << 20)  # 50 MB of newlines packs into ~50 KB
    refused(coord, write_zip(tmp / "bomb.rdpack", resigned(members)), "zip bomb")


def test_declared_sizes_beyond_the_caps_are_refused(setup, monkeypatch):
    from review.formats import package_file

    coord, results, tmp = setup
    monkeypatch.setattr(package_file, "MAX_TOTAL_BYTES", 100)
    refused(coord, results, "more than the 100 bytes a package may hold")


@pytest.mark.parametrize("sizes, why", [
    ({"events.jsonl": 301 << 20}, "member events.jsonl: it unpacks to 301.0 MB, more than the 300.0 MB"),
    ({"events.jsonl": 200 << 20, "batch.json": 200 << 20}, "it unpacks to 400.0 MB, more than the 300.0 MB"),
])
def test_a_package_declaring_more_than_300_mb_is_refused_before_it_is_read(setup, monkeypatch, sizes, why):
    """A few megabytes of deflated JSON can declare gigabytes; reading 300 MB of JSON already
    takes ~3.5 GB of memory, so more is refused unread (a real package of 10,000 posts is ~10 MB)."""
    from review.formats import package_file

    coord, results, tmp = setup
    members = resigned(members_of(results))
    manifest = json.loads(members["manifest.json"])
    for name, size in sizes.items():
        manifest["members"][name]["size"] = size
    members["manifest.json"] = json.dumps(manifest).encode()
    read = []
    original = package_file._read_capped
    monkeypatch.setattr(package_file, "_read_capped",
                        lambda file, zf, info, limit: read.append(info.filename) or original(file, zf, info, limit))
    refused(coord, write_zip(tmp / "big.rdpack", members), why)
    assert read == ["manifest.json"]  # refused on what the manifest declares, nothing else read


def test_a_package_from_a_newer_review_desk_is_refused(setup):
    coord, results, tmp = setup
    path = write_zip(tmp / "v2.rdpack", resigned(members_of(results), version=2))
    refused(coord, path, "made by a newer Review Desk.*update Review Desk")


@pytest.mark.parametrize("change, why", [
    ({"format": "something-else"}, "not a Review Desk package"),
    ({"kind": "everything"}, "kind must be one of"),
    ({"version": "1"}, "no usable version"),
    ({"creator": "me"}, "creator must have a name and a role"),
    ({"counts": {"events": 99, "posts": 1}}, "counts 99 events"),
])
def test_a_wrong_manifest_is_refused(setup, change, why):
    coord, results, tmp = setup
    refused(coord, write_zip(tmp / "m.rdpack", resigned(members_of(results), **change)), why)


def test_a_file_that_is_not_a_zip_is_refused(setup):
    coord, _results, tmp = setup
    (tmp / "text.rdpack").write_text("hello", encoding="utf-8")
    refused(coord, tmp / "text.rdpack", "not a Review Desk package")


def test_an_event_rewritten_under_the_same_id_is_refused(setup):
    """A consistent forgery (checksums redone) that changes a known event is still caught."""
    coord, results, tmp = setup
    members = members_of(results)
    coord.import_package(results)  # the reviewer's events are here now: forge one of them
    lines = [json.loads(x) for x in members["events.jsonl"].decode().splitlines()]
    lines[-1]["actor"] = "Somebody else"
    members["events.jsonl"] = "".join(json.dumps(x) + "\n" for x in lines).encode()
    path = write_zip(tmp / "forged.rdpack", resigned(members, id="another-package"))
    refused(coord, path, r"same id as (an event|events) here but other content")


def test_events_of_an_unknown_kind_or_shape_are_refused(setup):
    coord, results, tmp = setup
    members = members_of(results)
    lines = [json.loads(x) for x in members["events.jsonl"].decode().splitlines()]
    lines[0]["kind"] = "post.teleported"
    lines[1]["batch"] = "another"
    members["events.jsonl"] = "".join(json.dumps(x) + "\n" for x in lines).encode()
    refused(coord, write_zip(tmp / "kinds.rdpack", resigned(members)), "newer Review Desk")


def test_events_whose_parents_are_nowhere_are_refused(setup):
    coord, results, tmp = setup
    members = members_of(results)
    lines = [json.loads(x) for x in members["events.jsonl"].decode().splitlines()]
    lines[0]["parent"] = "f" * 32
    members["events.jsonl"] = "".join(json.dumps(x) + "\n" for x in lines).encode()
    refused(coord, write_zip(tmp / "orphan.rdpack", resigned(members)), r"builds? on events this database does not have")


def test_a_history_that_cannot_be_replayed_is_refused(setup):
    coord, results, tmp = setup
    members = members_of(results)
    lines = [json.loads(x) for x in members["events.jsonl"].decode().splitlines()]
    lines[-1]["kind"] = "annotation.resolved"  # of an annotation that does not exist
    members["events.jsonl"] = "".join(json.dumps(x) + "\n" for x in lines).encode()
    refused(coord, write_zip(tmp / "replay.rdpack", resigned(members)), "cannot be replayed")


def with_events(members: dict[str, bytes], change) -> dict[str, bytes]:
    lines = [json.loads(x) for x in members["events.jsonl"].decode().splitlines()]
    for line in lines:
        change(line)
    return dict(members, **{"events.jsonl": "".join(json.dumps(x) + "\n" for x in lines).encode()})


@pytest.mark.parametrize("field, value, why", [
    ("at", "yesterday", "at: 'yesterday' is not an ISO-8601 time"),
    ("at", "2026-03-01T09:30:00+02:00", "is not in UTC"),
    ("at", "2026-03-01T09:30:00", "is not in UTC"),
    ("role", "admin", "the role 'admin' is not one of reviewer, coordinator"),
])
def test_events_with_a_time_or_role_the_report_cannot_use_are_refused(setup, field, value, why):
    coord, results, tmp = setup
    members = with_events(members_of(results), lambda e: e.update({field: value}))
    refused(coord, write_zip(tmp / "times.rdpack", resigned(members)), why)
    # Nothing of it reached the report, which still works.
    from review.report import gather
    assert gather(coord, "zw").per_day == []


@pytest.mark.parametrize("change, why", [
    ({"timezone": "Mars/Olympus"}, "timezone: unknown time zone 'Mars/Olympus'"),
    ({"timezone": "Africa"}, "unknown time zone 'Africa'"),  # a folder of the zone database
    ({"timezone": "x" * 5000}, "unknown time zone"),
    ({"due": {"x": 1}}, "wrong type for due"),
    ({"require_signoff": "yes"}, "wrong type for require_signoff"),
    ({"platforms": ["myspace"]}, "platforms must be a list of x, facebook"),
    ({"platforms": "x"}, "platforms must be a list"),
    ({"created": "last week"}, "created: 'last week' is not an ISO-8601 time"),
])
def test_batch_settings_the_report_and_exports_cannot_use_are_refused(tmp_path, change, why):
    from review import Desk

    coord, _ids = coordinator_laptop(tmp_path)
    work = tmp_path / "work.rdpack"
    coord.make_work_package("zw", work, COORD)
    coord.close()
    members = members_of(work)
    members["batch.json"] = json.dumps(dict(json.loads(members["batch.json"]), **change)).encode()
    with Desk(tmp_path / "fresh.sqlite3") as fresh:
        refused(fresh, write_zip(tmp_path / "batch.rdpack", resigned(members)), f"batch.json: .*{why}")
        assert fresh.batches() == []


@pytest.fixture
def work_members(tmp_path):
    coord, _ids = coordinator_laptop(tmp_path)
    coord.make_work_package("zw", tmp_path / "work.rdpack", COORD)
    coord.close()
    return members_of(tmp_path / "work.rdpack")


def glossary_with(members: dict[str, bytes], **entry_changes) -> dict[str, bytes]:
    glossaries = json.loads(members["glossaries.json"])
    glossaries[0]["entries"][0].update(entry_changes)
    return dict(members, **{"glossaries.json": json.dumps(glossaries).encode()})


@pytest.mark.parametrize("change, why", [
    (lambda m: dict(m, **{"memory.jsonl": b"\xff\xfe\n"}), "memory.jsonl: not UTF-8 text"),
    (lambda m: dict(m, **{"memory.jsonl": m["memory.jsonl"].replace(b'"created": null', b'"created": {"a": 1}')}),
     "memory.jsonl: not a memory unit \\(wrong type for created\\)"),
    (lambda m: dict(m, **{"memory.jsonl": b"[" * 50000 + b"\n"}), "memory.jsonl: not a memory unit"),
    (lambda m: dict(m, **{"memory.jsonl": b"[1, 2]\n"}), "memory.jsonl: not a memory unit"),
    (lambda m: glossary_with(m, note=["x"]), "glossary 'aid' is malformed \\(entry 1: wrong type for note\\)"),
    (lambda m: glossary_with(m, case_sensitive="yes"), "entry 1: wrong type for case_sensitive"),
    (lambda m: glossary_with(m, dnt=1, pos=3), "wrong type for pos, dnt"),
    (lambda m: glossary_with(m, status="maybe"), "status 'maybe' is not one of"),
    (lambda m: dict(m, **{"glossaries.json": b'{"aid": []}'}), "glossaries.json: must be a list"),
    (lambda m: dict(m, **{"glossaries.json": b'[{"name": "aid", "entries": 3}]'}), "glossary 'aid' is malformed"),
])
def test_malformed_glossaries_and_memory_are_refused_by_member(tmp_path, work_members, change, why):
    from review import Desk

    with Desk(tmp_path / "fresh.sqlite3") as fresh:
        refused(fresh, write_zip(tmp_path / "bad.rdpack", resigned(change(work_members))), why)


def test_an_unknown_compression_method_is_refused(setup):
    """zipfile raises NotImplementedError for a method it cannot inflate: a clear refusal."""
    coord, results, folder = setup
    data = bytearray(write_zip(folder / "stored.rdpack", members_of(results),
                               compression=zipfile.ZIP_STORED).read_bytes())
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):  # local and central headers
        at = data.find(signature)
        while at != -1:
            data[at + offset:at + offset + 2] = (99).to_bytes(2, "little")
            at = data.find(signature, at + 4)
    odd = folder / "odd.rdpack"
    odd.write_bytes(bytes(data))
    refused(coord, odd, "cannot be read .*compression method")
