"""The window opens on a real X display (Qt's xcb plugin, as `bash scripts/run.sh` starts it),
and the harness that drives it leaves no process and no file behind."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import PySide6

from .harness import App, XServer, missing_tools


def test_qts_xcb_plugin_finds_every_library_it_links():
    """scripts/setup.sh installs them; without one the window cannot open on X at all."""
    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if shutil.which("ldd") is None:
        pytest.skip("ldd is not installed")
    listed = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=True).stdout
    assert "libxcb" in listed
    assert [line.strip() for line in listed.splitlines() if "not found" in line] == []


def test_the_window_opens_on_x_and_the_harness_leaves_nothing(reviewer_db):
    if missing_tools():
        pytest.skip(f"needs {', '.join(missing_tools())}: bash scripts/setup.sh --tests installs them")
    screen = XServer(1600, 1000).start()
    try:
        app = App(screen, reviewer_db).start()
        state = app.state()
        assert (state["platform"], state["window"]) == ("xcb", "MainWindow")
        assert state["window_title"] == "Review Desk — desk.sqlite3"
        assert app.quit() == 0
        processes = [app.process.pid, screen.openbox.pid, screen.xvfb.pid]
        display = screen.display
    finally:
        screen.stop()
    assert not screen.folder.exists()
    number = display.lstrip(":")
    assert not Path(f"/tmp/.X{number}-lock").exists()
    assert not Path(f"/tmp/.X11-unix/X{number}").exists()
    for pid in processes:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in _status(pid)


def _status(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().lower()
    except OSError:
        return "zombie"
