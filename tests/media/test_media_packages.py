"""Pictures travel in work packages (media.jsonl), checked on arrival like a batch's files."""
from __future__ import annotations

import base64
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from review.desk import Desk
from review.errors import ImportFailed
from review.importing import import_batch_file
from tests.helpers import COORD
from tests.media.test_media_import import MEDIA, batch


@pytest.fixture
def sent(tmp_path):
    """A coordinator's desk with a batch of two posts and three pictures, and its work package."""
    hq = tmp_path / "hq"
    (hq / "photos").mkdir(parents=True)
    for name in ("rig.jpg", "rig.png"):
        shutil.copy(MEDIA / name, hq / "photos" / name)
    path = batch(hq, ["P-1,facebook,zh-CN,钻机,en,The rig,photos/rig.jpg;photos/rig.png",
                      "P-2,x,zh-CN,钻机,en,Again,photos/rig.jpg"], name="zw.csv")
    with Desk(tmp_path / "coord.sqlite3") as coord:
        import_batch_file(coord, path, actor=COORD)
        package = tmp_path / "zw-work.rdpack"
        coord.make_work_package("zw", package, COORD)
    return package


def test_a_work_package_brings_each_picture_once_and_the_laptop_shows_them(sent, tmp_path):
    with zipfile.ZipFile(sent) as zf:
        lines = zf.read("media.jsonl").decode().splitlines()
    assert len(lines) == 2, "rig.jpg is shown twice but travels once"
    with Desk(tmp_path / "laptop.sqlite3") as laptop:
        laptop.import_package(sent)
        post = laptop.resolve_post_id("P-1")
        media = laptop.media(post)
        assert [m["name"] for m in media] == ["photos/rig.jpg", "photos/rig.png"]
        assert laptop.media_bytes(media[1]["sha256"]) == (MEDIA / "rig.png").read_bytes()


def _tampered(sent: Path, tmp_path: Path, change) -> Path:
    """The package with its media member changed and the manifest's checksum made to match
    (the signature then fails) -- or, with `resign`, what a coordinator's own desk would sign."""
    out = tmp_path / "tampered.rdpack"
    with zipfile.ZipFile(sent) as zf, zipfile.ZipFile(out, "w") as new:
        for info in zf.infolist():
            data = zf.read(info.filename)
            if info.filename == "media.jsonl":
                data = change(data)
            new.writestr(info.filename, data)
    return out


def test_a_changed_picture_is_refused_and_nothing_imported(sent, tmp_path):
    def swap(data: bytes) -> bytes:
        first, rest = data.split(b"\n", 1)
        line = json.loads(first)
        line["data"] = base64.b64encode((MEDIA / "script.png").read_bytes()).decode()
        return json.dumps(line).encode() + b"\n" + rest

    with Desk(tmp_path / "laptop.sqlite3") as laptop:
        with pytest.raises(ImportFailed) as refused:
            laptop.import_package(_tampered(sent, tmp_path, swap))
        assert "media.jsonl" in str(refused.value)
        assert laptop.batches() == []


def test_a_signed_package_with_other_bytes_than_its_posts_name_is_refused(tmp_path):
    """A coordinator's desk whose stored picture was replaced (by damage or on purpose): the
    package is signed and its checksums match, but the bytes are not the picture the events name."""
    hq = tmp_path / "hq"
    (hq / "photos").mkdir(parents=True)
    shutil.copy(MEDIA / "rig.png", hq / "photos" / "rig.png")
    path = batch(hq, ["P-1,facebook,zh-CN,钻机,en,The rig,photos/rig.png"], name="zw.csv")
    with Desk(tmp_path / "coord.sqlite3") as coord:
        import_batch_file(coord, path, actor=COORD)
        sha = coord.media(coord.resolve_post_id("P-1"))[0]["sha256"]
        bomb = (MEDIA / "bomb.png").read_bytes()
        with coord.store.write():
            coord.store.conn.execute("UPDATE media SET data = ? WHERE sha256 = ?", (bomb, sha))
        package = tmp_path / "zw-work.rdpack"
        coord.make_work_package("zw", package, COORD)
    with Desk(tmp_path / "laptop.sqlite3") as laptop:
        with pytest.raises(ImportFailed) as refused:
            laptop.import_package(package)
        assert "media.jsonl: the bytes of the picture 'photos/rig.png' are not the ones" in \
            str(refused.value)
        assert laptop.batches() == [] and laptop.store.media.known([sha]) == set()


def test_an_event_naming_a_picture_outside_its_folder_is_refused():
    """A hostile package's import event cannot name a picture `../../.bashrc`: it would be
    written there by `review-desk media` (which checks again)."""
    from review.event_rules import media_records

    record = {"name": "photos/rig.jpg", "sha256": "a" * 64, "type": "jpeg", "width": 16,
              "height": 9, "bytes": 100}
    assert media_records([record]) is None
    for bad in ("../../.bashrc", "/etc/passwd", "C:/Windows/x.png", "a/../../b.png", "", "a;b"):
        assert media_records([dict(record, name=bad)]) is not None, bad
    assert media_records([dict(record, extra=1)]) is not None
    assert media_records([dict(record, bytes=0)]) is not None


def test_media_type_reads_the_content_not_the_name():
    from review.media import media_type

    assert media_type(b"\x00\x00\x00\x18ftypmp42\x00\x00") == "mp4"
    assert media_type(b"\x00\x00\x00\x18ftypheic\x00\x00") is None  # HEIC is no MP4
    assert media_type(b"\x00\x00\x00\x18ftypavif\x00\x00") is None
    assert media_type(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "webp"
    assert media_type(b"#!/bin/sh\n") is None
