"""The interface's languages, with Qt's translation system (.ts sources, .qm compiled).

`resources/i18n/review_desk_<code>.qm` holds Review Desk's own strings; Qt's translations of
its standard buttons and dialogs come with PySide6. `review_desk_en.qm` holds only the English
singular and plural of the messages that count something (Qt's %n).
"""
from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from review.paths import data_dir

INTERFACE_LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
_installed: list[QTranslator] = []


def install_translator(app: QApplication, code: str) -> bool:
    """Switch the interface to `code` ("en" or "zh_CN"); False if no translation was found."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    ours = QTranslator(app)
    if code == "en":  # the English plural forms of counted messages ("1 post", "2 posts")
        if ours.load(str(data_dir("resources") / "i18n" / "review_desk_en.qm")):
            app.installTranslator(ours)
            _installed.append(ours)
        return True
    found = ours.load(str(data_dir("resources") / "i18n" / f"review_desk_{code}.qm"))
    if found:
        app.installTranslator(ours)
        _installed.append(ours)
    qt = QTranslator(app)
    if qt.load(QLocale(code), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return found
