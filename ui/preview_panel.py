"""The preview beside the rewrite: the post as its platform shows it in the feed, the part
before "See more" in full colour and the rest dimmed (review/preview.py decides the fold).

It only shows a `Preview` it is given: the main window asks `Desk.preview` for the text being
typed (on the live-check timer) and again when the platform or the screen here changes.
Everything is plain text.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from review.formats import platform_name
from review.formats import PREVIEW_PLATFORMS
from review.preview import Preview
from ui.textviews import ElidedLabel, Highlight, TextView

translate = QCoreApplication.translate  # context "PreviewPanel"
POST_PLATFORM = ""  # the combo's first entry: preview each post as its own platform
SEE_MORE = {"x": "… Show more", "facebook": "… See more", "linkedin": "…see more",
            "youtube": "…more"}  # as each platform writes it: not translated


class PreviewPanel(QWidget):
    """The post as its platform folds it, for the desktop or the phone."""

    choice_changed = Signal()  # the platform or the screen changed: show the preview again

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.header = QLabel(self)
        font = QFont(self.header.font())
        font.setBold(True)
        self.header.setFont(font)
        self.platform_box = QComboBox(self)
        self.platform_box.setObjectName("preview_platform")
        self.screen_box = QComboBox(self)
        self.screen_box.setObjectName("preview_screen")
        for box in (self.platform_box, self.screen_box):  # a narrow column keeps its width
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(1)
            box.setMinimumWidth(30)
        self.view = TextView(self)
        self.view.setObjectName("preview_view")
        self.view.setMinimumHeight(self.view.fontMetrics().lineSpacing() * 2)
        self.fold_label = ElidedLabel(self)  # one line: the rewrite keeps its height
        self.fold_label.setObjectName("preview_fold")
        self.fold_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._preview: Preview | None = None
        choices = QHBoxLayout()  # under the header: the rewrite's column may be narrow
        choices.setContentsMargins(0, 0, 0, 0)
        choices.addWidget(self.platform_box, 1)
        choices.addWidget(self.screen_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(3)
        layout.addWidget(self.header)
        layout.addLayout(choices)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.fold_label)
        self.retranslate()
        self.platform_box.currentIndexChanged.connect(lambda _: self.choice_changed.emit())
        self.screen_box.currentIndexChanged.connect(lambda _: self.choice_changed.emit())

    def retranslate(self) -> None:
        platform, screen = self.platform_box.currentIndex(), self.screen_box.currentIndex()
        self.header.setText(translate("PreviewPanel", "Preview"))
        with _quiet(self.platform_box), _quiet(self.screen_box):
            self.platform_box.clear()
            self.platform_box.addItem(translate("PreviewPanel", "As posted"), POST_PLATFORM)
            for key in PREVIEW_PLATFORMS:
                self.platform_box.addItem(platform_name(key), key)
            self.screen_box.clear()
            self.screen_box.addItem(translate("PreviewPanel", "Desktop"), "desktop")
            self.screen_box.addItem(translate("PreviewPanel", "Phone"), "phone")
            self.platform_box.setCurrentIndex(max(platform, 0))
            self.screen_box.setCurrentIndex(max(screen, 0))
        if self._preview is not None:
            self.show_preview(self._preview)

    def platform(self) -> str | None:
        """The platform chosen, or None: each post's own."""
        return self.platform_box.currentData() or None

    def set_platform(self, platform: str) -> None:
        index = self.platform_box.findData(platform)
        if index >= 0:
            self.platform_box.setCurrentIndex(index)

    def screen(self) -> str:
        return self.screen_box.currentData() or "desktop"

    def set_screen(self, screen: str) -> None:
        index = self.screen_box.findData(screen)
        if index >= 0:
            self.screen_box.setCurrentIndex(index)

    def show_preview(self, preview: Preview) -> None:
        self._preview = preview
        fold = preview.phone if self.screen() == "phone" else preview.fold
        visible, hidden = preview.text[:fold.cut_at], preview.text[fold.cut_at:]
        see_more = SEE_MORE[preview.platform] + "\n"
        shown = visible + (see_more + hidden.lstrip(" ") if hidden else "")
        self.view.set_text(shown)
        if hidden:  # what readers see only after "See more": shaded
            self.view.set_highlights([Highlight(len(visible + see_more), len(shown), "folded",
                                                background=_dimmed(self.palette()))])
        self.fold_label.setText(self._fold_text(preview, fold, bool(hidden)))

    def clear(self) -> None:
        self._preview = None
        self.view.set_text("")
        self.fold_label.clear()

    def shown_text(self) -> str:
        return self.view.text()

    @staticmethod
    def _fold_text(preview: Preview, fold, folded: bool) -> str:
        name = platform_name(preview.platform)
        if preview.platform == "x":
            where = translate("PreviewPanel", "{platform} shows {limit} weighted characters "
                              "(links 23, Chinese characters and emoji 2)").format(
                platform=name, limit=fold.limit)
        elif fold.lines:
            where = translate("PreviewPanel", "{platform} shows about {limit} characters or "
                              "{lines} lines").format(platform=name, limit=fold.limit,
                                                      lines=fold.lines)
        else:
            where = translate("PreviewPanel", "{platform} shows about {limit} characters").format(
                platform=name, limit=fold.limit)
        if not folded:
            return where + "; " + translate("PreviewPanel", "the whole post is seen.")
        return where + "; " + translate("PreviewPanel", "readers see the rest only if they "
                                        "open the post.")


def _dimmed(palette: QPalette) -> QColor:
    colour = QColor(palette.color(QPalette.ColorRole.PlaceholderText))
    colour.setAlpha(60)
    return colour


class _quiet:
    """Changes to a combo box that are the panel's own, not the reviewer's choice."""

    def __init__(self, box: QComboBox):
        self.box = box

    def __enter__(self):
        self.blocked = self.box.blockSignals(True)

    def __exit__(self, *exc):
        self.box.blockSignals(self.blocked)
