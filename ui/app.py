"""Starting the desktop application: display check, single instance, profile, first start."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from .testprobe import install_if_asked

APP_NAME = "Review Desk"
ORG_NAME = "review-desk"
EXIT_OK, EXIT_ERROR, EXIT_REFUSED = 0, 1, 2


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def command_as_started() -> str:
    """The program as the person started it, so the command they are told to run works:
    after the quick start `review-desk` is `.venv/bin/review-desk`, not on the PATH."""
    import shutil

    started = sys.argv[0] or "review-desk"
    if Path(started).name == "main.py":
        return f"{Path(sys.executable).name} {started}"
    on_path = shutil.which(Path(started).name)
    if on_path and Path(on_path).resolve() == Path(started).resolve():
        return Path(started).name
    return started


def run(args) -> int:
    """`review-desk [--db PATH] [gui [--post ID] [--screenshot FILE [--size WxH]] [--theme T]]`."""
    screenshot = getattr(args, "screenshot", None)
    if screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # render without a screen, never wait
    elif not has_display():
        print("review-desk: no display available (no $DISPLAY or $WAYLAND_DISPLAY); start it "
              f"on a desktop, or use the command line: {command_as_started()} --help", file=sys.stderr)
        return EXIT_REFUSED
    from review import Desk, ReviewError
    from review.paths import DB_ENV, default_db_path

    db_path = Path(getattr(args, "db", None) or default_db_path())
    try:  # a --db in a folder that does not exist: one line, nothing made (as every command)
        Desk.is_new_database(db_path, named=bool(getattr(args, "db", None) or os.environ.get(DB_ENV)))
    except ReviewError as err:
        print(f"review-desk: {err}", file=sys.stderr)
        return EXIT_REFUSED
    app = make_application(getattr(args, "theme", None) or "system")
    from .startup import open_main_window

    window = open_main_window(app, db_path, post=getattr(args, "post", None),
                              screenshot=bool(screenshot), interface=getattr(args, "interface", None))
    if window is None:
        return EXIT_REFUSED
    if getattr(args, "preview", None):
        window.pane.preview_panel.set_platform(args.preview)
        window.pane.show_lower_tab("preview")
    elif screenshot:  # the same picture whatever tab the last session left open
        window.pane.show_lower_tab("difference")
    if getattr(args, "phone", False):
        window.pane.preview_panel.set_screen("phone")
    install_if_asked(window)  # only for tests, with REVIEW_DESK_TEST_PROBE set (ui/testprobe.py)
    try:
        if screenshot:
            from PySide6.QtCore import QSize

            size = QSize(*getattr(args, "size", (1440, 860)))
            return window.save_screenshot_when_ready(Path(screenshot), size)
        return app.exec()
    finally:
        window.desk.close()  # a clean close, recorded so the next start need not read it all


def install_excepthook() -> None:
    """An unexpected error in the window: logged with its traceback, shown as one dialog with
    the log's path (and Copy via the dialog's text selection), never a silent crash."""
    import tempfile
    import traceback

    log = Path(tempfile.gettempdir()) / "review-desk-error.log"

    def hook(kind, value, tb) -> None:
        with open(log, "a", encoding="utf-8") as handle:  # damage too: where it was found
            traceback.print_exception(kind, value, tb, file=handle)
        damaged = damage_behind(value)
        if damaged is not None:  # found while reading, where quick_check could not see it
            return show_damage(damaged)
        print(f"review-desk: internal error: {kind.__name__}: {value} (details in {log})",
              file=sys.stderr)
        try:
            from PySide6.QtWidgets import QApplication

            if QApplication.instance() is not None:
                from .dialogs import message

                message(None, "critical", APP_NAME,
                        f"Something went wrong: {kind.__name__}: {value}\n\nDetails were written "
                        f"to {log}. Your work up to the last action is saved.")
        except Exception:  # the hook must never raise itself
            pass

    sys.excepthook = hook


def damage_behind(error: BaseException):
    """The damaged-database refusal `error` means for the active window's database, or None."""
    from PySide6.QtWidgets import QApplication

    from review import Desk

    # the window's, whatever has the focus (a message box, a dialog: they hold no desk)
    desks = [w.desk for w in QApplication.topLevelWidgets() if getattr(w, "desk", None)]
    return Desk.damage_behind(desks[0].path if desks else Path("?"), error)


def show_damage(damaged) -> None:
    from PySide6.QtWidgets import QApplication

    from .dialogs import message
    from .messages import error_text

    text = error_text(damaged)
    print(f"review-desk: {text}", file=sys.stderr)
    message(QApplication.activeWindow(), "critical", APP_NAME, text)


def make_application(theme: str):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from .style import text_font
    from .theme import apply_theme

    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setFont(text_font())
    apply_theme(app, theme)
    collect_garbage_on_the_gui_thread(app)
    return app


def collect_garbage_on_the_gui_thread(app):
    """Python's cycle collector runs in whichever thread allocates when a threshold is crossed;
    on a worker thread (the language models' warm-up, an import) it would delete the Qt widgets
    it finds in reference cycles there, and a widget deleted off the GUI thread crashes the
    process. So automatic collection is off, and the GUI thread collects instead, as soon as
    the thresholds say a generation is due (looked at every 100 ms). Returns the timer."""
    import gc

    from PySide6.QtCore import QTimer

    gc.disable()
    timer = QTimer(app)
    timer.setInterval(100)
    timer.timeout.connect(collect_due_garbage)
    timer.start()
    return timer


def collect_due_garbage() -> None:
    """What the cycle collector would have done by now: the oldest generation that is due."""
    import gc

    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if counts[generation] > thresholds[generation]:
            gc.collect(generation)
            return
