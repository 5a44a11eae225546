"""Every small dialog opens tall enough for what it holds: a word-wrapped explanation and every
row under it at least as tall as it needs at the dialog's width (issue 14, a new coordinator at
1024x700: the XLIFF import, Send batch and Return my work dialogs opened with their fields
squeezed to a few pixels and their explanation cut)."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from review.formats.hq_files import FileNeeds
from ui.dashboard import ReportDialog
from ui.dialogs import ExportDialog, GlossaryImportDialog, XliffImportDialog
from ui.exchange import PackageDialog
from ui.file_reading import FileReadingDialog

FILE = "okapi_MQ-12-Test01_memoq.xlf"


def squeezed(dialog: QWidget) -> list[str]:
    """The visible children shorter than they need: a wrapped label shorter than its text at its
    width, any other widget shorter than its minimum size hint (an editable combo box's own line
    edit is the combo's to size)."""
    found = []
    for child in dialog.findChildren(QWidget):
        if not child.isVisible() or isinstance(child.parentWidget(), QComboBox):
            continue
        need = (child.heightForWidth(child.width()) if isinstance(child, QLabel) and child.wordWrap()
                else child.minimumSizeHint().height())
        if child.height() < need:
            label = child.text()[:40] if isinstance(child, QLabel) else child.objectName()
            found.append(f"{type(child).__name__} {label!r}: {child.height()} px of {need}")
    return found


DIALOGS = {
    "xliff import": lambda desk: XliffImportDialog(FILE),
    "glossary import": lambda desk: GlossaryImportDialog("terms.csv", "terms", [("zh-CN", "en")], True),
    "file reading": lambda desk: FileReadingDialog("hq.csv", FileNeeds(("cp1252",), True, True)),
    "send batch": lambda desk: PackageDialog(desk, "work", "Chipo"),
    "return my work": lambda desk: PackageDialog(desk, "results", "Tendai"),
    "export": lambda desk: ExportDialog(desk),
    "report": lambda desk: ReportDialog(desk),
}


@pytest.mark.parametrize("name", DIALOGS)
def test_a_dialog_opens_with_room_for_its_explanation_and_rows(qtbot, sample_desk, name):
    dialog = DIALOGS[name](sample_desk)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert squeezed(dialog) == []
    assert dialog.height() <= 700  # it fits the smallest screen the window supports
