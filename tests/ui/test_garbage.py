"""Python's cycle collector never deletes Qt widgets on a worker thread (a segfault, seen twice
in forty runs of the UI tests: the language warm-up thread collected a test's dashboard)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

WIDGETS_IN_CYCLES_THEN_A_BUSY_WORKER = '''
import gc, sys, tempfile, threading, weakref
from pathlib import Path
from PySide6.QtCore import QEventLoop, QTimer
from review import Desk
from ui.app import make_application
from ui.dashboard import Dashboard

app = make_application("system")
if sys.argv[1:] == ["automatic"]:
    gc.enable()  # as before: the collector runs wherever the thresholds are crossed
desk = Desk(Path(tempfile.mkdtemp(dir=sys.argv[0].rsplit("/", 1)[0])) / "desk.sqlite3")
desk.load_sample()
left = []
for _ in range(5):
    dashboard = Dashboard(desk, None)  # no parent: only Python holds it
    left.append(weakref.ref(dashboard))
    loop = QEventLoop()
    dashboard.shown.connect(loop.quit)
    loop.exec()
    dashboard.close()
    dashboard.itself = dashboard  # a reference cycle: only the collector frees it
    del dashboard
worker = threading.Thread(target=lambda: [[{}] for _ in range(300_000)])  # as a model loads
before = sum(ref() is None for ref in left)  # the GUI thread's collector may have run already
worker.start()
worker.join()
print("collected while the worker ran:", sum(ref() is None for ref in left) - before)
loop = QEventLoop()
QTimer.singleShot(300, loop.quit)  # the GUI thread's collector runs, when a generation is due
loop.exec()
gc.collect()
desk.close()
print("collected on the GUI thread:", sum(ref() is None for ref in left), "of", len(left))
'''


def run(script: Path, *arguments: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, str(script), *arguments], env=env, capture_output=True,
                          text=True, timeout=120)


def test_widgets_in_reference_cycles_are_collected_on_the_gui_thread(tmp_path):
    script = tmp_path / "cycles.py"
    script.write_text(WIDGETS_IN_CYCLES_THEN_A_BUSY_WORKER, encoding="utf-8")
    done = run(script)
    assert done.returncode == 0, done.stderr
    assert "collected while the worker ran: 0" in done.stdout
    assert "collected on the GUI thread: 5 of 5" in done.stdout
    crashed = run(script, "automatic")  # what the application did before
    assert crashed.returncode == -11, (crashed.returncode, crashed.stderr)  # SIGSEGV
