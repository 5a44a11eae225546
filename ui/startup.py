"""From a database path to a main window: lock, integrity, translator, profile, first start."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QLockFile
from PySide6.QtWidgets import QApplication

from review import DamagedDatabase, Desk, ReviewError

from .i18n import install_translator
from .messages import error_text

DEFAULT_PROFILE = {"name": "Reviewer", "role": "reviewer", "languages": [], "interface": "en"}


def open_main_window(app: QApplication, db_path: Path, post: str | None = None,
                     screenshot: bool = False, interface: str | None = None):
    # Until the profile says otherwise, speak the system's language (a damaged database is
    # reported before the profile can be read).
    install_translator(app, interface or ("zh_CN" if QLocale.system().name().startswith("zh") else "en"))
    lock = acquire_lock(db_path)
    if lock is None:
        tell(screenshot, app.translate("startup", "Review Desk is already open on {path}. "
                                       "Switch to that window, or close it first.").format(path=db_path))
        return None
    try:
        desk = Desk(db_path, daily_backup=False)  # taken once the window is up
    except DamagedDatabase as err:
        desk = None if screenshot else restore_offered(app, db_path, err)
        if desk is None:
            tell(screenshot, error_text(err))
            return None
    except ReviewError as err:
        tell(screenshot, error_text(err))
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
        tell(screenshot, error_text(err))
        return None
    if interface:
        profile = dict(profile, interface=interface)
    install_translator(app, profile["interface"])
    from .main_window import MainWindow

    window = MainWindow(desk, profile, lock)
    window.show()
    take_daily_backup_meanwhile(window)
    if post:
        window.open_post(post)
    return window


def take_daily_backup_meanwhile(window) -> None:
    """The first start of a day copies the database (2.8 s at 537 MB) on the window's worker
    thread while the window is in use; closing the window waits for a whole copy. A connection
    of its own, read-only (Desk.take_daily_backup)."""
    if window.desk.backups_enabled:
        path = window.desk.path
        window.ops.chore(lambda: Desk.take_daily_backup(path))


def acquire_lock(db_path: Path) -> QLockFile | None:
    """One window per database: a second one is refused within half a second."""
    lock = QLockFile(str(db_path) + ".lock")
    lock.setStaleLockTime(0)  # a lock left by a crashed process is detected by its dead pid
    db_path.parent.mkdir(parents=True, exist_ok=True)
    return lock if lock.tryLock(500) else None


def restore_offered(app: QApplication, db_path: Path, err: DamagedDatabase) -> Desk | None:
    """Offer the newest intact backup in place of a damaged database (which is kept aside)."""
    from .dialogs import ask

    backup = Desk.newest_intact_backup(db_path)
    if backup is None:
        return None
    text = app.translate("startup", "{error}\n\nRestore the newest intact backup, taken {taken}? "
                         "The damaged database is kept next to it under another name.").format(
        error=error_text(err), taken=backup.taken_at.astimezone().strftime("%Y-%m-%d %H:%M"))
    if not ask(None, "Review Desk", text, app.translate("startup", "Restore backup"),
               app.translate("startup", "Quit")):
        return None
    try:
        Desk.restore_backup(db_path, backup.number)
        return Desk(db_path)
    except ReviewError as failed:
        tell(False, error_text(failed))
        return None


def ask_profile(desk: Desk) -> dict | None:
    from .dialogs import ProfileDialog

    dialog = ProfileDialog()
    if not dialog.exec():
        return None
    values = dialog.values()
    return desk.set_profile(values["name"], values["role"], values["languages"], values["interface"])


def first_start(desk: Desk) -> None:
    """The sample batches and the starter glossaries on a desk that holds nothing yet, so
    there is something real; none on a desk that holds a batch (File > Load sample)."""
    desk.first_start()


def tell(quietly: bool, text: str) -> None:
    if quietly:
        print(f"review-desk: {text}", file=sys.stderr)
    else:
        from .dialogs import message

        message(None, "critical", "Review Desk", text)
