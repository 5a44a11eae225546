"""Fixtures for the tests that drive the real window on an X server (see harness.py).

They start and stop everything themselves; without Xvfb, openbox or xdotool (installed by
`bash scripts/setup.sh --tests`) they are skipped, saying which is missing.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from review import Desk

from .harness import App, XServer, missing_tools

SHOTS_VARIABLE = "REVIEW_DESK_TEST_SHOTS"  # a folder: keep the screenshots there to look at


def _screen(width: int, height: int):
    missing = missing_tools()
    if missing:
        pytest.skip(f"the real-window tests need {', '.join(missing)}: "
                    "bash scripts/setup.sh --tests installs them")
    server = XServer(width, height).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def screen_1024x700():
    yield from _screen(1024, 700)


@pytest.fixture(scope="module")
def screen_1600x1000():
    yield from _screen(1600, 1000)


@pytest.fixture
def reviewer_db(tmp_path) -> Path:
    """A new database with a reviewer's profile: the window opens without asking, and loads
    the sample batches on its first start."""
    path = tmp_path / "desk.sqlite3"
    with Desk(path) as desk:
        desk.set_profile("Tendai", "reviewer", ["en", "sn"], "en")
    return path


@pytest.fixture
def start_app():
    """start_app(screen, db_path) -> a running App; stopped (killed if need be) after the test."""
    started: list[App] = []

    def start(screen: XServer, db_path: Path, *arguments: str) -> App:
        app = App(screen, db_path, *arguments)
        started.append(app)
        return app.start()

    yield start
    for app in started:
        app.stop()


@pytest.fixture
def shots(tmp_path, request):
    """shots(app, name): a screenshot of the whole screen, in the test's folder (and in
    $REVIEW_DESK_TEST_SHOTS if set, to look at after the run)."""
    keep = os.environ.get(SHOTS_VARIABLE)

    def shot(app: App, name: str) -> Path:
        path = app.screenshot(tmp_path / f"{name}.png")
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, Path(keep) / f"{request.node.name}-{name}.png")
        return path

    return shot
