"""The post's pictures under its source: thumbnails, one full size (F3), a picture annotated."""
from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QDialog

from review.desk import Desk
from review.importing import import_batch_file
from tests.helpers import COORD
from tests.ui.test_keyboard_day import open_window

MEDIA = Path(__file__).resolve().parent.parent / "data" / "hostile" / "media"


def _desk_with_pictures(tmp_path) -> Path:
    hq = tmp_path / "hq"
    (hq / "photos").mkdir(parents=True)
    for name in ("rig.jpg", "rig.png"):
        shutil.copy(MEDIA / name, hq / "photos" / name)
    (hq / "zw.csv").write_text(
        "id,platform,source_lang,source_text,target_lang,draft_text,media\n"
        "P-1,facebook,zh-CN,钻机,en,The <b>rig</b>,photos/rig.jpg;photos/rig.png\n"
        "P-2,facebook,zh-CN,井,en,No pictures,\n", encoding="utf-8")
    path = tmp_path / "desk.sqlite3"
    with Desk(path) as desk:
        desk.set_profile("Tendai", "reviewer", ["en"], "en")
        import_batch_file(desk, hq / "zw.csv", actor=COORD)
    return path


def test_thumbnails_follow_the_post_and_f3_shows_one_full_size(qtbot, tmp_path):
    window = open_window(qtbot, _desk_with_pictures(tmp_path))
    window.open_post("P-1")
    strip = window.pane.media_strip
    assert strip.isVisible() and strip.names() == ["photos/rig.jpg", "photos/rig.png"]
    icons = [b.icon().actualSize(b.iconSize()) for b in strip.buttons()]
    assert icons[0].width() == 128 and icons[0].height() == 72  # 160x90 into 128x72
    assert icons[1].height() == 72 and icons[1].width() == 40  # 90x160, upright
    window.actions.show_picture.trigger()  # F3
    qtbot.waitUntil(lambda: window.findChild(QDialog, "picture_dialog") is not None)
    full = window.findChild(QDialog, "picture_dialog")
    assert full.isVisible() and full.windowTitle() == "photos/rig.jpg"
    assert full.picture.pixmap().size().width() == 160  # small: shown at its own size
    full.reject()
    window.open_post("P-2")
    assert not strip.isVisible() and strip.names() == []


def test_a_picture_is_annotated_as_a_whole(qtbot, tmp_path, monkeypatch):
    from ui import main_window

    window = open_window(qtbot, _desk_with_pictures(tmp_path))
    window.open_post("P-1")
    monkeypatch.setattr(main_window.AnnotationDialog, "ask", classmethod(
        lambda cls, parent, excerpt: {"category": "audience-appropriateness", "severity": "major",
                                      "comment": "the gesture reads wrong here"}))
    window.pane.media_strip.annotate_picture.emit("photos/rig.png")
    qtbot.waitUntil(lambda: len(window.post.annotations) == 1)
    (annotation,) = window.post.annotations.values()
    assert annotation.picture == "photos/rig.png" and (annotation.start, annotation.end) == (0, 0)
    assert annotation.category == "audience-appropriateness"


def test_the_annotation_list_names_the_picture(qtbot, tmp_path):
    window = open_window(qtbot, _desk_with_pictures(tmp_path))
    window.open_post("P-1")
    from review.model import Actor

    window.desk.annotate(window.post.id, Actor("Tendai"), start=0, end=0, category="style",
                         severity="minor", picture="photos/rig.jpg")
    window.show_post(window.post.id)
    model = window.annotation_list.model
    shown = [model.data(model.index(row, column)) for row in range(model.rowCount())
             for column in range(model.columnCount())]
    assert "[photos/rig.jpg]" in shown, shown
