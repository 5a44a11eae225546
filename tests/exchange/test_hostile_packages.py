"""Packages are untrusted files: every kind of bad or forged file is refused and the database is
unchanged. (What a package's events may do is tested in test_forged_packages.py.)"""
from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path

import pytest

from review import Desk
from review.errors import ImportFailed
from review.texts import Said
from tests.exchange.support import (
    TENDAI,
    coordinator_laptop,
    event_lines,
    keys_of,
    members_of,
    resigned,
    reviewer_laptop,
    snapshot,
    with_event_lines,
    write_zip,
)
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
    yield coord, results, tmp_path, keys_of(tendai)
    coord.close()
    tendai.close()


def refused(desk, path: Path, match: str) -> ImportFailed:
    before = snapshot(desk)
    packages = desk.store.packages.list()
    with pytest.raises(ImportFailed, match=match) as caught:
        desk.import_package(path)
    # every problem is a named message, so the window can show it in its own language
    assert all(isinstance(p.message, Said) for p in caught.value.problems), caught.value.problems
    assert snapshot(desk) == before
    assert desk.store.packages.list() == packages
    return caught.value


# -- the file -------------------------------------------------------------------------------------


def test_a_changed_member_fails_its_checksum(setup):
    coord, results, tmp, keys = setup
    members = members_of(results)
    members["events.jsonl"] = members["events.jsonl"].replace(b'"post.approved"', b'"post.rejected"')
    refused(coord, write_zip(tmp / "tampered.rdpack", members), "SHA-256 checksum does not match")


def test_a_truncated_package_is_refused(setup):
    coord, results, tmp, keys = setup
    data = results.read_bytes()
    (tmp / "cut.rdpack").write_bytes(data[: len(data) // 2])
    refused(coord, tmp / "cut.rdpack", "damaged or truncated")


@pytest.mark.parametrize("name, why", [
    ("../evil.jsonl", r"climbs out of the package"),
    ("/etc/evil.jsonl", "absolute path"),
    ("C:/evil.jsonl", "absolute path"),
    ("sub/../../evil.jsonl", "climbs out"),
    ("sub/evil.jsonl", "inside a folder"),
])
def test_member_paths_that_leave_the_package_are_refused(setup, name, why):
    coord, results, tmp, keys = setup
    members = members_of(results)
    members[name] = b"{}"
    refused(coord, write_zip(tmp / "paths.rdpack", members), why)
    assert not (tmp.parent / "evil.jsonl").exists()


def test_a_symlink_member_is_refused(setup):
    coord, results, tmp, keys = setup
    link = zipfile.ZipInfo("notes.jsonl")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    path = write_zip(tmp / "link.rdpack", members_of(results), extra=[(link, b"/etc/passwd")])
    refused(coord, path, "symbolic link")


def test_a_member_not_in_the_manifest_is_refused(setup):
    coord, results, tmp, keys = setup
    members = members_of(results)
    members["notes.jsonl"] = b"{}"
    refused(coord, write_zip(tmp / "extra.rdpack", members), "not in the manifest")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(setup):
    coord, results, tmp, keys = setup
    members = members_of(results)
    members["events.jsonl"] = b"\n" * (50 << 20)  # 50 MB of newlines packs into ~50 KB
    path = write_zip(tmp / "bomb.rdpack", resigned(members, keys))
    refused(coord, path, "zip bomb")


def test_declared_sizes_beyond_the_caps_are_refused(setup, monkeypatch):
    from review.formats import package_file

    coord, results, tmp, keys = setup
    monkeypatch.setattr(package_file, "MAX_TOTAL_BYTES", 100)
    refused(coord, results, "more than the 100 bytes a package may hold")


@pytest.mark.parametrize("sizes, why", [
    ({"events.jsonl": 301 << 20}, "member events.jsonl: it unpacks to 301.0 MB, more than the 300.0 MB"),
    ({"events.jsonl": 200 << 20, "notes.jsonl": 200 << 20}, "it unpacks to 400.0 MB, more than the 300.0 MB"),
])
def test_a_package_declaring_more_than_300_mb_is_refused_before_it_is_read(setup, monkeypatch, sizes, why):
    """A few megabytes of deflated JSON can declare gigabytes: refused unread."""
    from review.formats import package_file

    coord, results, tmp, keys = setup
    members = members_of(results)
    members.update({name: b"" for name in sizes if name not in members})
    manifest = json.loads(resigned(members)["manifest.json"])
    for name, size in sizes.items():
        manifest["members"][name]["size"] = size
    data = json.dumps(manifest).encode()
    members.update({"manifest.json": data, "manifest.sig": keys.sign(data).encode()})
    read = []
    original = package_file._chunks
    monkeypatch.setattr(package_file, "_chunks",
                        lambda file, zf, info, limit: read.append(info.filename) or original(file, zf, info, limit))
    refused(coord, write_zip(tmp / "big.rdpack", members), why)
    assert read == ["manifest.json", "manifest.sig"]  # refused on what the manifest declares


def test_a_package_from_a_newer_review_desk_is_refused(setup):
    coord, results, tmp, keys = setup
    path = write_zip(tmp / "v3.rdpack", resigned(members_of(results), keys, version=3))
    refused(coord, path, "made by a newer Review Desk.*update Review Desk")


def test_a_package_made_before_packages_were_signed_is_refused(setup):
    """Format 1 had no signature: nobody can tell whether it was changed on the way."""
    coord, results, tmp, keys = setup
    members = members_of(results)
    del members["manifest.sig"]
    refused(coord, write_zip(tmp / "v1.rdpack", resigned(members, version=1)),
            "made by an older Review Desk without a signature.*make the package again")
    refused(coord, write_zip(tmp / "nosig.rdpack", members), "without a signature")


@pytest.mark.parametrize("change, why", [
    ({"format": "something-else"}, "not a Review Desk package"),
    ({"kind": "everything"}, "kind must be one of"),
    ({"version": "1"}, "no usable version"),
    ({"creator": "me"}, "creator must have a name and a role"),
    ({"counts": {"events": 99, "posts": 1}}, "counts 99 events"),
    ({"enrolment_proof": None}, "enrolment_proof is missing"),
])
def test_a_wrong_manifest_is_refused(setup, change, why):
    coord, results, tmp, keys = setup
    members = resigned(members_of(results), keys, **change)
    refused(coord, write_zip(tmp / "m.rdpack", members), why)


@pytest.mark.parametrize("raw, why", [
    (b'{"format": "review-desk-package", "version": 2, "n": ' + b"9" * 5000 + b"}", "not valid JSON"),
    (b"[" * 20000 + b"]" * 20000, "not valid JSON"),
    (b"\xff\xfe{}", "not valid JSON"),
])
def test_a_manifest_python_cannot_parse_is_a_refusal_not_a_crash(setup, raw, why):
    """A number of 5,000 digits (over Python's int limit) or nesting 20,000 deep."""
    coord, results, tmp, keys = setup
    members = dict(members_of(results), **{"manifest.json": raw})
    refused(coord, write_zip(tmp / "parse.rdpack", members), why)


def test_a_file_that_is_not_a_zip_is_refused(setup):
    coord, _results, tmp, _keys = setup
    (tmp / "text.rdpack").write_text("hello", encoding="utf-8")
    refused(coord, tmp / "text.rdpack", "not a Review Desk package")


def test_an_unknown_compression_method_is_refused(setup):
    coord, results, folder, _keys = setup
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


# -- special files ------------------------------------------------------------------------------


def test_a_named_pipe_is_refused_at_once(setup):
    coord, _results, tmp, _keys = setup
    pipe = tmp / "pipe.rdpack"
    os.mkfifo(pipe)
    refused(coord, pipe, "not a regular file")  # opening it does not wait for a writer


def test_a_link_to_a_device_is_refused(setup):
    coord, _results, tmp, _keys = setup
    link = tmp / "zero.rdpack"
    link.symlink_to("/dev/zero")
    refused(coord, link, "not a regular file")


def test_a_folder_is_refused(setup):
    coord, _results, tmp, _keys = setup
    (tmp / "folder.rdpack").mkdir()
    refused(coord, tmp / "folder.rdpack", "not a regular file")


# -- signatures ---------------------------------------------------------------------------------


def test_events_changed_with_checksums_recomputed_but_no_key_are_refused(setup):
    """The careful forger of the first review: every checksum made to match again."""
    coord, results, tmp, keys = setup
    members = members_of(results)
    lines = event_lines(members)
    lines[-1]["kind"] = "post.rejected"
    lines[-1]["payload"] = {"reason": "forged"}
    forged = resigned(with_event_lines(members, lines))  # the laptop's signature left as it was
    refused(coord, write_zip(tmp / "forged.rdpack", forged), "signature does not match.*altered")


def test_a_byte_changed_in_the_manifest_is_refused(setup):
    coord, results, tmp, keys = setup
    members = members_of(results)
    members["manifest.json"] = members["manifest.json"].replace(b'"Tendai"', b'"Tendat"')
    refused(coord, write_zip(tmp / "byte.rdpack", members), "signature does not match")


def test_results_signed_by_a_laptop_that_never_got_work_are_refused(setup):
    """Re-signed with a key of the forger's own: not a laptop this desk gave work to."""
    from review.signing import new_keys

    coord, results, tmp, keys = setup
    members = resigned(members_of(results), new_keys())
    refused(coord, write_zip(tmp / "stranger.rdpack", members), "not made by a laptop this desk gave work to")


def test_an_enrolment_proof_lifted_onto_another_key_is_refused(setup):
    """A laptop's proof is bound to its own key: copying it onto another key does not work."""
    from review.signing import new_keys

    coord, results, tmp, keys = setup
    members = members_of(results)
    proof = json.loads(members["manifest.json"])["enrolment_proof"]
    refused(coord, write_zip(tmp / "lifted.rdpack", resigned(members, new_keys(), enrolment_proof=proof)),
            "not made by a laptop this desk gave work to")


def test_results_answering_a_work_package_this_desk_never_made_are_refused(setup):
    coord, results, tmp, keys = setup
    members = resigned(members_of(results), keys, base_package="f" * 32)
    refused(coord, write_zip(tmp / "base.rdpack", members), "not made by a laptop this desk gave work to")


def test_a_work_package_from_another_desk_for_a_batch_here_is_refused(tmp_path):
    """A laptop keeps to the coordinator that first sent it the batch; a coordinator's own
    batch never comes back from another desk."""
    from review.signing import new_keys

    coord, _ids = coordinator_laptop(tmp_path)
    work = tmp_path / "work.rdpack"
    coord.make_work_package("zw", work, COORD)
    tendai = reviewer_laptop(tmp_path, "tendai", work)
    impostor = write_zip(tmp_path / "impostor.rdpack", resigned(members_of(work), new_keys(), id="9" * 32))
    refused(tendai, impostor, "signed by another desk")
    refused(coord, impostor, "imported on this desk from HQ's file")
    tendai.close()
    coord.close()


def test_work_and_results_go_only_where_they_belong(setup):
    coord, results, tmp, keys = setup
    with Desk(tmp / "stranger.sqlite3") as stranger:
        refused(stranger, results, "is not in this database")
    tendai = Desk(tmp / "tendai.sqlite3")
    refused(tendai, results, "results of reviewers are merged on the desk that coordinates it")
    tendai.close()


def test_any_problem_is_listed_with_the_file_and_member(setup):
    coord, results, tmp, keys = setup
    members = members_of(results)
    members["events.jsonl"] = members["events.jsonl"].replace(b"Tendai", b"Tendat")
    error = refused(coord, write_zip(tmp / "where.rdpack", members), "checksum")
    assert error.problems[0].file == "where.rdpack" and error.problems[0].column == "events.jsonl"
