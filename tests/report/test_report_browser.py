"""The report as HQ sees it: rendered by a real browser (Debian's chromium, headless)."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from review.report_html import write_report
from tests.report.sample import review_sample

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.geteuid() == 0:  # CI runs as root: scripts/setup.sh installs chromium there
        pytest.fail("chromium is missing: run scripts/setup.sh as root (it installs it)")
    pytest.skip("chromium is not installed and this machine is not set up as root: "
                "sudo apt-get install chromium")


def distinct_colours(png: Path) -> int:
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    assert not image.isNull(), f"{png} is not an image"
    step = 7
    return len({image.pixel(x, y) for x in range(0, image.width(), step)
                for y in range(0, image.height(), step)})


def test_report_renders_in_a_headless_browser(desk, tmp_path, monkeypatch):
    """Set REVIEW_DESK_SCREENSHOTS=1 to refresh docs/screenshots/report.png."""
    review_sample(desk, monkeypatch)
    report = tmp_path / "report.html"
    write_report(desk, "zimbabwe-boreholes", report)
    out = SCREENSHOTS if os.environ.get("REVIEW_DESK_SCREENSHOTS") else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    png = out / "report.png"
    png.unlink(missing_ok=True)
    done = subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}",
         "--window-size=1200,1800", report.as_uri()],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0 and png.exists(), done.stderr[-2000:]
    # A real render: text, charts in several colours, not a blank or an error page.
    assert distinct_colours(png) > 20
