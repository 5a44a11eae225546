"""Starting the desktop application: display check, single instance, profile, first start."""
from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "Review Desk"
ORG_NAME = "review-desk"
EXIT_OK, EXIT_ERROR, EXIT_REFUSED = 0, 1, 2
DEFAULT_PROFILE = {"name": "Reviewer", "role": "reviewer", "languages": [], "interface": "en"}


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run(args) -> int:
    """`review-desk [--db PATH] [gui [--post ID] [--screenshot FILE] [--theme T]]`."""
    screenshot = getattr(args, "screenshot", None)
    if screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # render without a screen, never wait
    elif not has_display():
        print("review-desk: no display available (no $DISPLAY or $WAYLAND_DISPLAY); start it "
              "on a desktop, or use the command line: review-desk --help", file=sys.stderr)
        return EXIT_REFUSED
    from review.paths import default_db_path

    db_path = Path(getattr(args, "db", None) or default_db_path())
    app = make_application(getattr(args, "theme", None) or "system")
    from .startup import open_main_window

    window = open_main_window(app, db_path, post=getattr(args, "post", None),
                              screenshot=bool(screenshot), interface=getattr(args, "interface", None))
    if window is None:
        return EXIT_REFUSED
    if screenshot:
        return window.save_screenshot_when_ready(Path(screenshot))
    return app.exec()


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
    return app
