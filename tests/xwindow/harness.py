"""The real window on a real X server: Xvfb, openbox, the installed `review-desk`, xdotool.

`XServer` starts Xvfb on a free display (Xvfb picks it: -displayfd) with openbox, `App` starts
`review-desk --db PATH` on it (the xcb platform, never offscreen) with the window's test probe
on (ui/testprobe.py), finds and activates its window with xdotool, sends real key events
through the X server (`Keyboard`: XTEST, as xdotool does) and asks the window where the focus
is. Everything runs in a private folder that `stop()` removes; no process outlives the test.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TOOLS = ("Xvfb", "openbox", "xdotool")
START_SECONDS = 60  # the first start of a new database loads the sample and the glossaries


def missing_tools() -> list[str]:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    try:
        import Xlib  # noqa: F401  (python-xlib, a test dependency in pyproject.toml)
    except ImportError:
        missing.append("python-xlib")
    return missing


def wait_until(predicate, timeout: float = 10.0, what: str = "the condition", interval: float = 0.05):
    """Polls until `predicate()` returns something true, and returns it; fails after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what} (last: {value!r})")
        time.sleep(interval)


def _stop(process: subprocess.Popen | None, seconds: float = 10.0) -> None:
    """SIGTERM, then SIGKILL; always reaped."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class XServer:
    """Xvfb at `width`x`height` with openbox; `env` is what a client needs to reach it."""

    def __init__(self, width: int, height: int):
        self.width, self.height = width, height
        self.folder = Path(tempfile.mkdtemp(prefix="review-desk-x-"))
        self.xvfb = self.openbox = None
        self.display = None

    def start(self) -> "XServer":
        read, write = os.pipe()
        try:
            self.xvfb = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{self.width}x{self.height}x24",
                 "-nolisten", "tcp", "-noreset"],
                pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                env=self._private_env())
            os.close(write)
            write = None
            number = b""
            with os.fdopen(read, "rb") as pipe:  # Xvfb writes the number once it accepts clients
                number = pipe.readline().strip()
            read = None
            if not number:
                raise RuntimeError(f"Xvfb did not start (exit code {self.xvfb.poll()})")
            self.display = f":{number.decode()}"
            self.openbox = subprocess.Popen(["openbox", "--sm-disable"], env=self.env,
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wait_until(self._has_window_manager, 10, "openbox to manage the screen")
            return self
        except BaseException:
            for fd in (read, write):
                if fd is not None:
                    os.close(fd)
            self.stop()
            raise

    def _private_env(self) -> dict:
        """Home, settings, caches and temporary files in this server's folder, nowhere else."""
        env = {key: value for key, value in os.environ.items()
               if not key.startswith(("QT_", "XDG_", "WAYLAND", "DISPLAY"))}
        for name in ("home", "config", "cache", "data", "tmp", "runtime"):
            (self.folder / name).mkdir(mode=0o700, exist_ok=True)
        env.update(HOME=str(self.folder / "home"), XDG_CONFIG_HOME=str(self.folder / "config"),
                   XDG_CACHE_HOME=str(self.folder / "cache"), XDG_DATA_HOME=str(self.folder / "data"),
                   XDG_RUNTIME_DIR=str(self.folder / "runtime"), TMPDIR=str(self.folder / "tmp"))
        return env

    @property
    def env(self) -> dict:
        return dict(self._private_env(), DISPLAY=self.display)

    def _has_window_manager(self) -> bool:
        found = subprocess.run(["xdotool", "getactivewindow"], env=self.env, capture_output=True)
        # openbox answers (even "no active window") once it runs; without a manager xdotool
        # says the window manager does not support _NET_ACTIVE_WINDOW.
        return self.openbox.poll() is None and b"claims not to support" not in found.stderr

    def xdotool(self, *args: str, timeout: float = 30) -> str:
        done = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True,
                              timeout=timeout)
        if done.returncode != 0:
            raise AssertionError(f"xdotool {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def stop(self) -> None:
        _stop(self.openbox)
        _stop(self.xvfb)
        shutil.rmtree(self.folder, ignore_errors=True)


class Keyboard:
    """Key presses through the X server's XTEST extension, as a keyboard makes them (xdotool
    does the same, but connects anew for every call: 60-110 ms a key here, against 1 ms)."""

    MODIFIERS = {"ctrl": "Control_L", "shift": "Shift_L", "alt": "Alt_L", "super": "Super_L"}
    # Keys pressed and released within one millisecond of the server's clock, or released and
    # pressed again within one, lose keys in Qt (it takes them for auto-repeat): a key is held
    # for HOLD_SECONDS, and pressed again no sooner than AGAIN_SECONDS after its release.
    HOLD_SECONDS = AGAIN_SECONDS = 0.003

    def __init__(self, display: str):
        from Xlib import display as xdisplay

        self.connection = xdisplay.Display(display)
        self.released: dict[int, float] = {}  # keycode -> when it was last released

    def press(self, combination: str) -> None:
        """`ctrl+shift+Return`, `Tab`, `t`: X keysym names joined by +, modifiers first."""
        from Xlib import XK

        *modifiers, name = combination.split("+")
        keysym = XK.string_to_keysym(name)
        if keysym == 0:
            raise ValueError(f"no X key is called {name!r} ({combination!r})")
        self._press(keysym, [self.MODIFIERS[m] for m in modifiers])

    def type(self, text: str) -> None:
        """Types text a character at a time; Latin-1 characters only (their X keysym is their
        code point), which is what the default keyboard map of Xvfb has keys for."""
        for character in text:
            if ord(character) > 0xFF:
                raise ValueError(f"cannot type {character!r}: only Latin-1 characters have keys")
            self._press(ord(character), [])

    def _press(self, keysym: int, modifiers: list[str]) -> None:
        from Xlib import X, XK
        from Xlib.ext import xtest

        found = sorted(self.connection.keysym_to_keycodes(keysym), key=lambda pair: pair[1])
        if not found:
            raise ValueError(f"the keyboard map has no key for keysym {keysym:#x}")
        keycode, level = found[0]
        if level == 1 and "Shift_L" not in modifiers:  # the upper symbol on its key: A, ?, :
            modifiers = [*modifiers, "Shift_L"]
        held = [self.connection.keysym_to_keycode(XK.string_to_keysym(m)) for m in modifiers]
        last = max((self.released.get(code, 0.0) for code in [*held, keycode]), default=0.0)
        time.sleep(max(0.0, last + self.AGAIN_SECONDS - time.monotonic()))
        for code in held:
            xtest.fake_input(self.connection, X.KeyPress, code)
        xtest.fake_input(self.connection, X.KeyPress, keycode)
        self.connection.sync()
        time.sleep(self.HOLD_SECONDS)
        xtest.fake_input(self.connection, X.KeyRelease, keycode)
        for code in reversed(held):
            xtest.fake_input(self.connection, X.KeyRelease, code)
        self.connection.sync()  # the server has made the events when this returns
        for code in [*held, keycode]:
            self.released[code] = time.monotonic()

    def close(self) -> None:
        self.connection.close()


class App:
    """`review-desk --db PATH` on the X server, with the test probe listening."""

    def __init__(self, x: XServer, db_path: Path, *arguments: str):
        self.x, self.db_path, self.arguments = x, Path(db_path), arguments
        self.probe_path = str(x.folder / "probe.sock")
        self.log_path = x.folder / "review-desk.log"
        self.process: subprocess.Popen | None = None
        self.window: str | None = None
        self.keyboard: Keyboard | None = None

    def start(self) -> "App":
        executable = Path(sys.executable).parent / "review-desk"  # the installed entry point
        env = dict(self.x.env, QT_QPA_PLATFORM="xcb", REVIEW_DESK_TEST_PROBE=self.probe_path,
                   PYTHONFAULTHANDLER="1")  # a crash says where, in the log
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen([str(executable), "--db", str(self.db_path), *self.arguments],
                                            env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            found = self.x.xdotool("search", "--sync", "--onlyvisible", "--pid", str(self.process.pid),
                                   "--name", "Review Desk", timeout=START_SECONDS)
            self.window = found.split()[0]
            wait_until(self._probe_answers, START_SECONDS, "the window's test probe")
            self.x.xdotool("windowactivate", "--sync", self.window)
            self.keyboard = Keyboard(self.x.display)
        except BaseException:
            self.stop()
            raise
        return self

    def _probe_answers(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"review-desk ended with {self.process.returncode}: {self.log()}")
        try:
            return bool(self.ask("state", timeout=5))
        except OSError:
            return False

    def ask(self, request: str, timeout: float = 20) -> dict:
        if self.process.poll() is not None:
            raise AssertionError(f"review-desk ended with {self.process.returncode}: {self.log()}")
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(timeout)
            connection.connect(self.probe_path)
            connection.sendall(request.encode("utf-8") + b"\n")
            answer = b""
            while not answer.endswith(b"\n"):
                chunk = connection.recv(65536)
                if not chunk:
                    break
                answer += chunk
        return json.loads(answer.decode("utf-8"))

    # -- what a person does --------------------------------------------------------------------

    def key(self, *keys: str) -> dict:
        """Presses each key combination (X key names: ctrl+Return, shift+Tab, Escape, t) and
        returns where the focus is once the window has handled them, one after the other
        (as a person's keys come: a key may start what the next one relies on)."""
        for combination in keys:
            self.keyboard.press(combination)
            state = self.state()
        return state

    def type(self, text: str) -> dict:
        self.keyboard.type(text)
        return self.state()

    def wait_for(self, condition, what: str, seconds: float = 10) -> dict:
        """The state once `condition(state)` holds: for a dialog that a loaded machine opens or
        closes a little after its key was handled."""
        def holding() -> dict | None:
            state = self.state()
            return state if condition(state) else None

        return wait_until(holding, seconds, what)

    def focus_by_tab(self, name: str, key: str = "Tab", most: int = 40) -> int:
        """Presses Tab (or shift+Tab) until the focus is on `name`; returns how many presses.
        Stops at the queue's table, where Tab moves from cell to cell and on to other posts."""
        for presses in range(1, most + 1):
            state = self.key(key)
            if state["focus"] == name:
                return presses
            if state["focus"] == "queue.view":
                raise AssertionError(f"{key} reached the queue before {name} ({presses} presses)")
        raise AssertionError(f"{most} × {key} never reached {name} (last: {self.state()})")

    # -- what the test reads -------------------------------------------------------------------

    def state(self) -> dict:
        """{"focus": "pane.rewrite_edit", "post": id, "external_id": ..., "modal": title, ...}
        once the window has handled the keys sent before. While the probe says settled=False
        (a dialog opened or closed on the way, or the keyboard has not reached it yet) it is
        asked again."""
        deadline = time.monotonic() + 10
        while not (state := self.ask("state"))["settled"]:
            if time.monotonic() > deadline:
                raise AssertionError(f"the window did not settle in 10 s: {state}")
            time.sleep(0.01)
        return state

    def screenshot(self, path: Path) -> Path:
        answer = self.ask(f"shot {path}")
        assert answer.get("saved") == str(path), answer
        return path

    def log(self) -> str:
        return self.log_path.read_text("utf-8", errors="replace") if self.log_path.exists() else ""

    def quit(self) -> int:
        """Ctrl+Q, as a person closes it; returns the exit code."""
        self.keyboard.press("ctrl+q")
        return self.process.wait(30)

    def stop(self) -> None:
        if getattr(self, "keyboard", None) is not None:
            self.keyboard.close()
            self.keyboard = None
        _stop(self.process)
