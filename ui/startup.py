"""From a database path to a main window: lock, integrity, translator, profile, first start."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QApplication

from review import DamagedDatabase, Desk, ReviewError

from .app import DEFAULT_PROFILE
from .i18n import install_translator


def open_main_window(app: QApplication, db_path: Path, post: str | None = None,
                     screenshot: bool = False, interface: str | None = None):
    lock = acquire_lock(db_path)
    if lock is None:
        tell(screenshot, app.translate("startup", "Review Desk is already open on {path}. "
                                       "Switch to that window, or close it first.").format(path=db_path))
        return None
    try:
        desk = Desk(db_path)
    except (DamagedDatabase, ReviewError) as err:
        tell(screenshot, str(err))
        return None
    try:
        profile = desk.profile()
        if profile is None:
            profile = dict(DEFAULT_PROFILE) if screenshot else ask_profile(desk)
            if profile is None:
                return None
        first_start(desk)
        if post and screenshot:
            desk.resolve_post_id(post)  # an unknown post: say so, never a dialog nobody sees
    except ReviewError as err:
        tell(screenshot, "\n".join(err.lines))
        return None
    if interface:
        profile = dict(profile, interface=interface)
    install_translator(app, profile["interface"])
    from .main_window import MainWindow

    window = MainWindow(desk, profile, lock)
    window.show()
    if post:
        window.open_post(post)
    return window


def acquire_lock(db_path: Path) -> QLockFile | None:
    """One window per database: a second one is refused within half a second."""
    lock = QLockFile(str(db_path) + ".lock")
    lock.setStaleLockTime(0)  # a lock left by a crashed process is detected by its dead pid
    db_path.parent.mkdir(parents=True, exist_ok=True)
    return lock if lock.tryLock(500) else None


def ask_profile(desk: Desk) -> dict | None:
    from .dialogs import ProfileDialog

    dialog = ProfileDialog()
    if not dialog.exec():
        return None
    values = dialog.values()
    return desk.set_profile(values["name"], values["role"], values["languages"], values["interface"])


def first_start(desk: Desk) -> None:
    """Load the sample batches and the starter glossaries once, so there is something real."""
    from review.termbases import import_starter_glossaries

    desk.load_sample()
    import_starter_glossaries(desk)


def tell(quietly: bool, text: str) -> None:
    if quietly:
        print(f"review-desk: {text}", file=sys.stderr)
    else:
        from .dialogs import message

        message(None, "critical", "Review Desk", text)
