"""Pictures with posts (issue 17): checked on import, stored once by SHA-256, listed by `show
--json`, written out by `review-desk media`, cropped by the preview. The hostile pictures of the
corpus are in tests/test_hostile_corpus.py; here what a corpus file cannot hold."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from review.errors import ImportFailed
from review.importing import import_batch_file
from review.media import MAX_BYTES
from tests.cli.runner import run
from tests.helpers import COORD

MEDIA = Path(__file__).resolve().parent.parent / "data" / "hostile" / "media"
HEADER = "id,platform,source_lang,source_text,target_lang,draft_text,media\n"


def batch(folder: Path, rows: list[str], name: str = "batch.csv") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def hq(tmp_path) -> Path:
    """HQ's folder: the batch file and its photos beside it."""
    folder = tmp_path / "hq"
    (folder / "photos").mkdir(parents=True)
    for name in ("rig.jpg", "rig.png"):
        shutil.copy(MEDIA / name, folder / "photos" / name)
    return folder


def media_count(desk) -> int:
    return desk.store.conn.execute("SELECT count(*) FROM media").fetchone()[0]


def test_pictures_are_checked_stored_once_and_listed(desk, hq):
    path = batch(hq, ["P-1,facebook,zh-CN,钻机,en,The rig,photos/rig.jpg;photos\\rig.png",
                      "P-2,x,zh-CN,钻机,en,The rig again,./photos/rig.jpg"])
    result = import_batch_file(desk, path, actor=COORD, timezone="UTC")
    assert result.added == 2 and media_count(desk) == 2, "rig.jpg is stored once for both"
    ids = desk.store.posts.ids_by_external("batch")
    first = desk.media(ids["P-1"])
    assert [m["name"] for m in first] == ["photos/rig.jpg", "photos/rig.png"]
    assert first[0] == {"name": "photos/rig.jpg", "sha256": first[0]["sha256"], "type": "jpeg",
                        "width": 160, "height": 90, "bytes": (MEDIA / "rig.jpg").stat().st_size}
    assert desk.media(ids["P-2"])[0]["sha256"] == first[0]["sha256"]
    assert desk.media_bytes(first[1]["sha256"]) == (MEDIA / "rig.png").read_bytes()
    again = import_batch_file(desk, path, actor=COORD)
    assert again.unchanged == 2 and media_count(desk) == 2, "a re-import changes nothing"
    assert desk.posts_out_of_step() == []


def test_a_link_out_of_the_folder_is_refused(desk, hq, tmp_path):
    secret = tmp_path / "secret.png"
    shutil.copy(MEDIA / "rig.png", secret)  # a real picture, but not HQ's to send
    os.symlink(secret, hq / "photos" / "innocent.png")
    os.symlink(tmp_path, hq / "photos" / "up")  # a folder link leading out
    path = batch(hq, ["P-1,facebook,zh-CN,钻机,en,Link,photos/innocent.png",
                      "P-2,facebook,zh-CN,钻机,en,Folder link,photos/up/secret.png"])
    with pytest.raises(ImportFailed) as refused:
        import_batch_file(desk, path, actor=COORD)
    text = str(refused.value)
    assert f"{path}:2: media: 'photos/innocent.png' leads out of the batch file's folder" in text
    assert f"{path}:3: media: 'photos/up/secret.png' leads out" in text
    assert desk.batches() == [] and media_count(desk) == 0


def test_a_file_over_20_mb_is_refused_before_it_is_read(desk, hq):
    big = hq / "photos" / "poster.png"
    with open(big, "wb") as f:
        f.write((MEDIA / "rig.png").read_bytes())
        f.truncate(MAX_BYTES + 1)  # sparse: nothing is written, the size is what counts
    path = batch(hq, ["P-1,facebook,zh-CN,钻机,en,Big,photos/poster.png"])
    with pytest.raises(ImportFailed) as refused:
        import_batch_file(desk, path, actor=COORD)
    assert "'photos/poster.png' is 20,971,521 bytes; a file may have at most 20,971,520" in \
        str(refused.value)


def test_a_folder_or_a_pipe_named_as_a_picture_is_refused(desk, hq):
    (hq / "photos" / "folder.png").mkdir()
    os.mkfifo(hq / "photos" / "pipe.png")
    path = batch(hq, ["P-1,facebook,zh-CN,钻机,en,Folder,photos/folder.png",
                      "P-2,facebook,zh-CN,钻机,en,Pipe,photos/pipe.png"])
    with pytest.raises(ImportFailed) as refused:
        import_batch_file(desk, path, actor=COORD)
    text = str(refused.value)
    assert ":2: media: 'photos/folder.png' cannot be read" in text
    assert ":3: media: 'photos/pipe.png' cannot be read" in text


def test_a_file_changed_between_its_check_and_its_storing_is_refused(desk, hq, monkeypatch):
    from review import importing, media

    path = batch(hq, ["P-1,facebook,zh-CN,钻机,en,The rig,photos/rig.png"])
    real = media.attach_media

    def then_swapped(drafts, batch_file, file_name):
        checked = real(drafts, batch_file, file_name)
        shutil.copy(MEDIA / "rig.jpg", hq / "photos" / "rig.png")  # after the check
        return checked

    monkeypatch.setattr(importing, "attach_media", then_swapped)
    with pytest.raises(ImportFailed) as refused:
        import_batch_file(desk, path, actor=COORD)
    assert "'photos/rig.png' changed while it was imported" in str(refused.value)
    assert desk.batches() == [] and media_count(desk) == 0


def test_a_forty_megapixel_picture_is_accepted_and_one_more_pixel_a_side_refused(tmp_path):
    import runpy

    from review.media import BadMedia, picture_size

    png_claiming = runpy.run_path(str(MEDIA.parent / "make_media_files.py"))["png_claiming"]

    assert picture_size(_png(10_000, 4_000), "png", "edge.png") == (10_000, 4_000)
    with pytest.raises(BadMedia, match="says it is 10,001 x 10 pixels"):
        picture_size(png_claiming(10_001, 10), "png", "wide.png")


def _png(width: int, height: int) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG")
    return out.getvalue()


def test_show_json_media_command_and_preview_crops(tmp_path, hq):
    db = tmp_path / "cli.sqlite3"
    path = batch(hq, ["P-1,facebook,zh-CN,钻机,en,The rig,photos/rig.jpg;photos/rig.png"])
    assert run(db, "import", str(path), "--as", "Chipo").returncode == 0
    shown = json.loads(run(db, "show", "P-1", "--json").stdout)
    assert [(m["name"], m["type"], m["width"], m["height"]) for m in shown["media"]] == \
        [("photos/rig.jpg", "jpeg", 160, 90), ("photos/rig.png", "png", 90, 160)]
    out = tmp_path / "out"
    done = run(db, "media", "P-1", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert (out / "photos" / "rig.png").read_bytes() == (MEDIA / "rig.png").read_bytes()
    crops = json.loads(run(db, "preview", "P-1", "--json").stdout)["crops"]
    assert [c["shown"] for c in crops] == ["cropped", "cropped"]  # two on Facebook: squares
    assert crops[0]["crop"] == {"x": 35, "y": 0, "width": 90, "height": 90}
    refused = run(db, "media", "P-1", "--out", str(path))  # a file, not a folder
    assert refused.returncode == 2 and "is a file, not a folder" in refused.stderr


def test_exports_name_the_pictures_and_with_media_copies_them(desk, hq, tmp_path):
    import csv

    from tests.helpers import REVIEWER

    path = batch(hq, ["P-1,facebook,zh-CN,钻机,en,The rig,photos/rig.jpg;photos/rig.png",
                      "P-2,facebook,zh-CN,井,en,A borehole,"])
    import_batch_file(desk, path, actor=COORD)
    for post_id in desk.store.posts.ids_by_external("batch").values():
        desk.decide(post_id, REVIEWER, "approve")
    out = tmp_path / "out" / "zw.csv"
    out.parent.mkdir()
    desk.export("batch", "csv", out, COORD, with_media=True)
    with open(out, encoding="utf-8", newline="") as f:
        named = {r["external_id"]: r["media"] for r in csv.DictReader(f)}
    assert named == {"P-1": "photos/rig.jpg;photos/rig.png", "P-2": ""}
    copied = tmp_path / "out" / "zw.csv.media" / "photos"
    assert sorted(p.name for p in copied.iterdir()) == ["rig.jpg", "rig.png"]
    assert (copied / "rig.jpg").read_bytes() == (MEDIA / "rig.jpg").read_bytes()
    manifest = json.loads((tmp_path / "out" / "zw.csv.manifest.json").read_text(encoding="utf-8"))
    listed = {p["external_id"]: p["media"] for p in manifest["posts"]}
    assert [m["name"] for m in listed["P-1"]] == ["photos/rig.jpg", "photos/rig.png"]
    assert listed["P-1"][0]["sha256"] == desk.media(desk.resolve_post_id("P-1"))[0]["sha256"]
    assert listed["P-2"] == []


def test_an_annotation_marks_a_picture_as_a_whole(tmp_path, hq):
    db = tmp_path / "cli.sqlite3"
    path = batch(hq, ["P-1,facebook,zh-CN,钻机,en,The rig,photos/rig.jpg"])
    assert run(db, "import", str(path), "--as", "Chipo").returncode == 0
    done = run(db, "annotate", "P-1", "--picture", "photos/rig.jpg", "--category",
               "audience-appropriateness", "--severity", "major", "--comment",
               "this gesture reads wrong here", "--as", "Tendai")
    assert done.returncode == 0, done.stderr
    (note,) = json.loads(run(db, "show", "P-1", "--json").stdout)["annotations"]
    assert (note["picture"], note["start"], note["end"]) == ("photos/rig.jpg", 0, 0)
    unknown = run(db, "annotate", "P-1", "--picture", "other.jpg", "--category", "style",
                  "--severity", "minor", "--as", "Tendai")
    assert unknown.returncode == 2
    assert "post" in unknown.stderr and "has no picture 'other.jpg'; its pictures: photos/rig.jpg" \
        in unknown.stderr
    neither = run(db, "annotate", "P-1", "--category", "style", "--severity", "minor",
                  "--as", "Tendai")
    assert neither.returncode == 2 and "--start and --end" in neither.stderr


@pytest.mark.parametrize("fmt", ["xliff12", "xliff20"])
def test_xliff_exports_name_the_pictures_and_read_them_back(desk, hq, tmp_path, fmt):
    from review.formats.batchfile import read_batch_file
    from tests.helpers import REVIEWER

    path = batch(hq, ["P-1,facebook,zh-CN,钻机,en,The rig,photos/rig.jpg;photos/rig.png",
                      "P-2,facebook,zh-CN,井,en,A borehole,"])
    import_batch_file(desk, path, actor=COORD)
    for post_id in desk.store.posts.ids_by_external("batch").values():
        desk.decide(post_id, REVIEWER, "approve")
    out = hq / f"zw-{fmt}.xlf"
    desk.export("batch", fmt, out, COORD)
    text = out.read_text(encoding="utf-8")
    assert "photos/rig.jpg;photos/rig.png" in text
    assert ('context-type="x-media"' if fmt == "xliff12" else 'category="media"') in text
    drafts = {d.external_id: d.media for d in read_batch_file(out)}
    assert drafts == {"P-1": ("photos/rig.jpg", "photos/rig.png"), "P-2": ()}
