"""The post's pictures as thumbnails under its source, and one picture full size (F3).

The window gives the strip a post's `media` records and a way to read a picture's bytes
(`Desk.media_bytes`); the pictures were checked when they were imported (at most 10,000 px a
side and 40 megapixels), and a thumbnail is decoded at its own size (QImageReader's scaled
decoding), so showing a post does not decode a whole 40-megapixel photo. A video shows its
name and size (no frame: Review Desk does not decode video).
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QScrollArea,
                               QToolButton, QVBoxLayout, QWidget)

from ui.textviews import plain_tooltip

translate = QCoreApplication.translate  # context "MediaStrip"
THUMBNAIL_HEIGHT = 72


def decoded(data: bytes, fit: QSize | None = None) -> QImage:
    """The picture, decoded at most at `fit` (keeping its shape); a null image if Qt cannot."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    size = reader.size()
    if fit is not None and size.isValid() and (size.width() > fit.width()
                                                or size.height() > fit.height()):
        reader.setScaledSize(size.scaled(fit, Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


class MediaStrip(QWidget):
    """Thumbnails of one post's pictures; Enter, Space or a click shows one full size."""

    annotate_picture = Signal(str)  # the picture's name: mark it as a whole (from the viewer)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("media_strip")
        self._media: list[dict[str, Any]] = []
        self._read: Callable[[str], bytes | None] = lambda sha256: None
        self._buttons: list[QToolButton] = []
        # The thumbnails scroll sideways: twenty pictures must not widen the source's column
        # (the small-screen layout holds every column to its room).
        inner = QWidget()
        self._layout = QHBoxLayout(inner)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(60)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.setFixedHeight(THUMBNAIL_HEIGHT + 12 + scroll.horizontalScrollBar().sizeHint().height())
        self.hide()

    def show_media(self, media: list[dict[str, Any]], read: Callable[[str], bytes | None]) -> None:
        self._media, self._read = list(media), read
        for button in self._buttons:
            button.deleteLater()
        self._buttons = [self._thumbnail(index, record) for index, record in enumerate(media)]
        for button in self._buttons:
            self._layout.insertWidget(self._layout.count() - 1, button)
        self.setVisible(bool(media))

    def names(self) -> list[str]:
        return [record["name"] for record in self._media]

    def buttons(self) -> list[QToolButton]:
        return list(self._buttons)

    def _thumbnail(self, index: int, record: dict[str, Any]) -> QToolButton:
        button = QToolButton(self._layout.parentWidget())
        button.setObjectName("media_thumbnail")
        button.setAutoRaise(True)
        button.setToolTip(plain_tooltip(_describe(record)))  # names come from HQ's file
        button.setIconSize(QSize(THUMBNAIL_HEIGHT * 16 // 9, THUMBNAIL_HEIGHT))
        data = self._read(record["sha256"]) if record["type"] != "mp4" else None
        image = decoded(data, button.iconSize()) if data else QImage()
        if image.isNull():
            button.setText(_describe(record))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        else:
            button.setIcon(QIcon(QPixmap.fromImage(image)))
        button.clicked.connect(lambda _=False, i=index: self.show_full(i))
        return button

    def show_full(self, index: int = 0) -> QDialog | None:
        """One picture as large as the screen allows, in a dialog (Escape closes it)."""
        if not 0 <= index < len(self._media):
            return None
        record = self._media[index]
        dialog = PictureDialog(record, self._read(record["sha256"]), self)
        dialog.annotate.connect(lambda: self.annotate_picture.emit(record["name"]))
        dialog.open()
        return dialog


class PictureDialog(QDialog):
    annotate = Signal()

    def __init__(self, record: dict[str, Any], data: bytes | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("picture_dialog")
        self.setWindowTitle(record["name"])  # a window title is plain text
        screen = QGuiApplication.primaryScreen().availableGeometry().size() * 0.8
        image = decoded(data, screen) if data and record["type"] != "mp4" else QImage()
        self.picture = QLabel(self)
        self.picture.setObjectName("picture_full")
        self.picture.setTextFormat(Qt.TextFormat.PlainText)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if image.isNull():
            self.picture.setText(_describe(record))
        else:
            self.picture.setPixmap(QPixmap.fromImage(image))
        scroll = QScrollArea(self)
        scroll.setWidget(self.picture)
        scroll.setWidgetResizable(True)
        caption = QLabel(_describe(record), self)
        caption.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        mark = buttons.addButton(translate("MediaStrip", "Annotate picture…"),
                                 QDialogButtonBox.ButtonRole.ActionRole)
        mark.setObjectName("annotate_picture")
        mark.clicked.connect(self.annotate.emit)
        mark.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(caption)
        layout.addWidget(buttons)
        if not image.isNull():
            self.resize(min(image.width() + 40, screen.width()), min(image.height() + 100,
                                                                      screen.height()))


def _describe(record: dict[str, Any]) -> str:
    size = f"{record['width']} × {record['height']}, " if record.get("width") else ""
    megabytes = record["bytes"] / 2**20
    return translate("MediaStrip", "{name} ({size}{megabytes:.1f} MB)").format(
        name=record["name"], size=size, megabytes=megabytes)
