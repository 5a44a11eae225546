"""A test-only probe into the running window, for the tests that drive it on an X server.

Off unless the environment variable REVIEW_DESK_TEST_PROBE names a socket path: then the window
listens there (a local socket, for this user only) and answers one request per connection with
one line of JSON. Nothing listens, and nothing here is imported beyond this module, otherwise.

Requests (one line each):
- `state`: where the keyboard focus is and which post is shown, once every event that had
  reached the application (key presses sent before the request included) is handled (see
  `_Probe._when_settled`):
  {"focus": "pane.rewrite_edit", "focus_class": "TextView", "window": "MainWindow",
   "window_title": "...", "modal": null, "post": "<post id>", "external_id": "CD-001",
   "platform": "xcb", "window_frame": [x, y, w, h], "screen_available": [x, y, w, h],
   "settled": true}
  ("window" is the window that has the focus; "modal" the title of the modal dialog open;
  settled=false: ask again, see `_Probe._when_settled`.)
  "focus" names the focused widget by the attributes that lead to it from its window (the
  main window's `pane.rewrite_edit`, a dialog's `ReasonDialog.text`), and its object name
  where only a parent has one (`hints_panel.checks/dismiss_button`); see `widget_name`. null
  when no widget of the application has the focus.
- `shot PATH`: saves a PNG of the whole screen (what a person sees, dialogs and all) and
  answers {"saved": PATH}.
tests/xwindow/ uses it (see tests/xwindow/harness.py).
"""
from __future__ import annotations

import json
import os

ENVIRONMENT_VARIABLE = "REVIEW_DESK_TEST_PROBE"


def install_if_asked(window) -> None:
    path = os.environ.get(ENVIRONMENT_VARIABLE)
    if path:
        window._test_probe = _Probe(window, path)  # kept as long as the window


class _Probe:
    """Requests are served from a timer, never inside the socket's own signals: serving one may
    handle keys, open a dialog and run its event loop, and a socket must not be deleted while
    it is still emitting (a first version that served them there crashed the window)."""

    def __init__(self, window, path: str):
        from PySide6.QtNetwork import QLocalServer

        self.window = window
        self.waiting: list = []  # sockets with a request to serve
        self.server = QLocalServer(window)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(path)  # a socket file left by a killed run
        if not self.server.listen(path):
            raise RuntimeError(f"{ENVIRONMENT_VARIABLE}: cannot listen on {path}: {self.server.errorString()}")
        self.server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._queue(s))

    def _queue(self, socket) -> None:
        from PySide6.QtCore import QTimer

        if socket.canReadLine() and socket not in self.waiting:
            self.waiting.append(socket)
            QTimer.singleShot(0, self._serve)

    def _serve(self) -> None:
        while self.waiting:
            socket = self.waiting.pop(0)
            request = bytes(socket.readLine()).decode("utf-8").strip()
            command, _, argument = request.partition(" ")
            if command == "state":
                self._when_settled(lambda settled, s=socket: self._reply(s, dict(self.state(), settled=settled)))
            elif command == "shot":
                self._reply(socket, {"saved": argument if self.screenshot(argument) else None})
            else:
                self._reply(socket, {"error": f"unknown request {request!r}"})

    @staticmethod
    def _when_settled(answer) -> None:
        """Handle every event the X server had sent (key presses included), then answer. A key
        among them may open a modal dialog, whose event loop runs until the dialog closes:
        then the answer comes from inside that loop, with the dialog shown. Such an answer, and
        one given as a dialog closes (before the code after the dialog has run), says
        settled=False, and so does one given before the X server gives the keyboard to the
        dialog (or back to the window): asked again, the probe answers once the window waits
        for input and keys reach it."""
        from PySide6.QtCore import QTimer
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtWidgets import QApplication

        answered, modal_before = [], QApplication.activeModalWidget()

        def once(settled: bool) -> None:
            if not answered:
                answered.append(True)
                answer(settled)

        def when_a_dialog_opened() -> None:
            modal = QApplication.activeModalWidget()
            if modal is not None and modal is not modal_before:
                once(False)

        watch = QTimer()
        watch.setInterval(100)
        watch.timeout.connect(when_a_dialog_opened)
        watch.start()
        QGuiApplication.sync()
        watch.stop()
        modal = QApplication.activeModalWidget()
        once(modal is modal_before and _keys_reach(modal))

    @staticmethod
    def _reply(socket, answer: dict) -> None:
        socket.write((json.dumps(answer, ensure_ascii=False) + "\n").encode("utf-8"))
        socket.flush()
        socket.disconnectFromServer()
        socket.deleteLater()  # from a timer's call, never from the socket's own signal

    def state(self) -> dict:
        from PySide6.QtWidgets import QApplication

        focus = QApplication.focusWidget()
        top = focus.window() if focus is not None else QApplication.activeWindow()
        modal = QApplication.activeModalWidget()
        post = self.window.post
        frame, screen = self.window.frameGeometry(), self.window.screen().availableGeometry()
        return {"focus": widget_name(focus, self.window) if focus is not None else None,
                "focus_class": type(focus).__name__ if focus is not None else None,
                "window": type(top).__name__ if top is not None else None,
                "window_title": top.windowTitle() if top is not None else None,
                "modal": modal.windowTitle() if modal is not None else None,
                "post": post.id if post is not None else None,
                "external_id": post.external_id if post is not None else None,
                "platform": QApplication.platformName(),
                "window_frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                "screen_available": [screen.x(), screen.y(), screen.width(), screen.height()]}

    @staticmethod
    def screenshot(path: str) -> bool:
        from PySide6.QtGui import QGuiApplication

        screen = QGuiApplication.primaryScreen()
        return screen.grabWindow(0).save(path, "PNG")


def _keys_reach(modal) -> bool:
    """Keys typed now reach the window they are meant for: the X server has given the input
    focus to one of ours, to the dialog if one is open (until the window manager has done so,
    keys typed into a dialog just opened are lost)."""
    from PySide6.QtWidgets import QApplication

    active = QApplication.activeWindow()
    return active is not None and (modal is None or active is modal)


def widget_name(widget, main_window) -> str:
    """`pane.rewrite_edit`: the attribute path from the widget's window to the widget; for a
    widget without one, the path of the nearest parent that has one, and the widget's object
    name if it has its own (`hints_panel.checks/dismiss_button`; a text view's viewport is the
    text view). A dialog's widgets start with its class: `ReasonDialog.text`."""
    top = widget.window()
    names = _attribute_paths(top)
    prefix = "" if top is main_window else type(top).__name__ + "."
    own = widget.objectName()
    suffix = f"/{own}" if own and not own.startswith("qt_") and id(widget) not in names else ""
    current = widget
    while current is not None and current is not top:
        if id(current) in names:
            return prefix + names[id(current)] + suffix
        current = current.parentWidget()
    return f"{prefix}{type(widget).__name__}{suffix or '#' + own}"


def _attribute_paths(top, depth: int = 2) -> dict[int, str]:
    """id(widget) -> 'queue.search_box' for the window's widget attributes, `depth` deep;
    the first (shortest) path wins."""
    from PySide6.QtWidgets import QWidget

    found: dict[int, str] = {}
    level = [("", top)]
    for _ in range(depth):
        below = []
        for path, owner in level:
            for name, value in vars(owner).items():
                if isinstance(value, QWidget) and id(value) not in found and value is not top:
                    found[id(value)] = path + name
                    below.append((path + name + ".", value))
        level = below
    return found
