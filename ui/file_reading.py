"""What a batch file cannot say, asked when its import was refused for it: the file's encoding
(it is not UTF-8: a Chinese Excel's CSV is GB18030, a Western one's Windows-1252) and whether
its dates are day first or month first (07/12/2026). The window then imports it again with the
answer, as `review-desk import --encoding NAME --day-first` does."""
from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QComboBox, QDialog, QFormLayout, QRadioButton, QVBoxLayout, QWidget

from review.formats.hq_files import DAY_FIRST, MONTH_FIRST

from .dialogs import buttons, open_at_width, plain_label

COMMON_ENCODINGS = ("gb18030", "cp1252", "utf-16", "utf-8", "big5", "shift_jis", "latin-1")


class FileReadingDialog(QDialog):
    """Encoding (an editable list, the encodings that read the whole file first) and day order."""

    def __init__(self, file_name: str, needs, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("file_reading_dialog")
        self.setWindowTitle(self.tr("Read %1 as…").replace("%1", file_name))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.encoding = self.day_first = self.month_first = None
        if needs.encoding:
            layout.addWidget(plain_label(self.tr(
                "%1 is not in UTF-8. Choose the encoding it was saved in (Excel in Chinese saves "
                "CSV as GB18030, Excel in English as Windows-1252, cp1252).").replace("%1", file_name)
                + (" " + self.tr("These read the whole file: %1.").replace("%1", ", ".join(needs.encodings))
                   if needs.encodings else "")))
            self.encoding = QComboBox()
            self.encoding.setObjectName("file_encoding")
            self.encoding.setEditable(True)  # any codec Python knows
            for name in dict.fromkeys((*needs.encodings, *COMMON_ENCODINGS)):
                self.encoding.addItem(name)
            form.addRow(self.tr("Encoding"), self.encoding)
        if needs.day_order:
            layout.addWidget(plain_label(self.tr(
                "Some dates of %1 could be read either way round (07/12/2026: 7 December or "
                "12 July). How does the file write them?").replace("%1", file_name)))
            self.day_first = QRadioButton(self.tr("Day first (7/12/2026 is 7 December)"))
            self.month_first = QRadioButton(self.tr("Month first (12/7/2026 is 7 December)"))
            self.day_first.setObjectName("day_first")
            self.month_first.setObjectName("month_first")
            self.day_first.setChecked(True)
            group = QButtonGroup(self)
            for button in (self.day_first, self.month_first):
                group.addButton(button)
                form.addRow("", button)
        layout.addLayout(form)
        self.button_box = buttons(self, self.tr("Import"))
        layout.addWidget(self.button_box)
        open_at_width(self, 480)

    def values(self) -> dict:
        """The import's options: `encoding` and `day_order` (only those the file needed)."""
        chosen = {}
        if self.encoding is not None:
            chosen["encoding"] = self.encoding.currentText().strip() or None
        if self.day_first is not None:
            chosen["day_order"] = DAY_FIRST if self.day_first.isChecked() else MONTH_FIRST
        return chosen
