"""Headless Chromium through its DevTools protocol on a pipe (``--remote-debugging-pipe``).

Chromium reads commands from its file descriptor 3 and writes replies and events to 4, each a
JSON message ended by a NUL byte; nothing listens on a port. :class:`DevTools` starts the
browser with a fresh profile, opens pages and sends commands to them; ``samverkan render
--format pdf`` prints with it (:mod:`.pdf`) and the tests measure pages and run axe-core with it.
Only the standard library is used.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--remote-debugging-pipe",
)
TIMEOUT = 60.0


class BrowserError(Exception):
    """Chromium could not be started, stopped answering, or refused a command."""


def find_browser(named: str | None = None) -> str | None:
    """``named`` (a path or a command) if it can be run, else the first of :data:`BROWSER_NAMES` on PATH."""
    if named is not None:
        return shutil.which(named) or (named if os.access(named, os.X_OK) and Path(named).is_file() else None)
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found is not None:
            return found
    return None


def _high_fd(fd: int) -> int:
    """``fd`` moved to 10 or above, so that placing the pipes at 3 and 4 in the child cannot clash."""
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return high


class DevTools:
    """A headless Chromium with a fresh profile, driven over the DevTools pipe; use it with ``with``."""

    def __init__(self, browser: str, *, timeout: float = TIMEOUT) -> None:
        self.timeout = timeout
        self._profile = tempfile.TemporaryDirectory(prefix="samverkan-chromium-")
        to_child_r, self._to_child = (_high_fd(fd) for fd in os.pipe())
        self._from_child, from_child_w = (_high_fd(fd) for fd in os.pipe())
        devnull = os.open(os.devnull, os.O_RDWR)
        actions = [
            (os.POSIX_SPAWN_DUP2, devnull, 0),
            (os.POSIX_SPAWN_DUP2, devnull, 1),
            (os.POSIX_SPAWN_DUP2, devnull, 2),
            (os.POSIX_SPAWN_DUP2, to_child_r, 3),
            (os.POSIX_SPAWN_DUP2, from_child_w, 4),
        ]
        argv = [browser, *FLAGS, f"--user-data-dir={self._profile.name}", "about:blank"]
        try:
            self._pid = os.posix_spawn(browser, argv, os.environ, file_actions=actions)
        except OSError as exc:
            self._profile.cleanup()
            raise BrowserError(f"cannot start {browser}: {exc.strerror}") from None
        finally:
            for fd in (devnull, to_child_r, from_child_w):
                os.close(fd)
        self._next_id = 0
        self._buffer = b""
        self._events: list[dict[str, Any]] = []

    def __enter__(self) -> DevTools:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Ask the browser to quit, wait a little, then make sure it has."""
        with contextlib.suppress(BrowserError, OSError):
            self._send("Browser.close", {}, None)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            pid, _ = os.waitpid(self._pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.05)
        else:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, 9)
            os.waitpid(self._pid, 0)
        for fd in (self._to_child, self._from_child):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._profile.cleanup()

    # The protocol ------------------------------------------------------------------------

    def _send(self, method: str, params: dict[str, Any], session: str | None) -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        data = json.dumps(message).encode("utf-8") + b"\0"
        try:
            while data:
                data = data[os.write(self._to_child, data) :]
        except BrokenPipeError:
            raise BrowserError("the browser quit") from None
        return self._next_id

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_child], [], [], left)[0]:
                raise BrowserError(f"the browser did not answer within {self.timeout:.0f} s")
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise BrowserError("the browser quit")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        parsed: dict[str, Any] = json.loads(message)
        return parsed

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        """Send a command and wait for its reply; events that arrive meanwhile are kept for :meth:`wait_for`."""
        ident = self._send(method, params or {}, session)
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._receive(deadline)
            if message.get("id") == ident:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error'].get('message', message['error'])}")
                result: dict[str, Any] = message.get("result", {})
                return result
            if "method" in message:
                self._events.append(message)

    def wait_for(self, event: str, session: str | None = None) -> dict[str, Any]:
        """The next event named ``event`` (from ``session``), received earlier or now."""
        deadline = time.monotonic() + self.timeout
        while True:
            for i, message in enumerate(self._events):
                if message.get("method") == event and message.get("sessionId") == session:
                    del self._events[i]
                    params: dict[str, Any] = message.get("params", {})
                    return params
            self._events.append(self._receive(deadline))

    # Pages -------------------------------------------------------------------------------

    def open(self, url: str, *, width: int | None = None, height: int = 800) -> str:
        """Load ``url`` in a new tab (``width`` × ``height`` CSS pixels, as a phone would, if given)
        and return its session, once the page has loaded."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", {}, session)
        if width is not None:
            metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True}
            self.call("Emulation.setDeviceMetricsOverride", metrics, session)
        navigated = self.call("Page.navigate", {"url": url}, session)
        if navigated.get("errorText"):
            raise BrowserError(f"cannot open {url}: {navigated['errorText']}")
        self.wait_for("Page.loadEventFired", session)
        return str(session)

    def evaluate(self, session: str, expression: str) -> Any:
        """The value of a JavaScript expression in the page (awaited if it is a promise)."""
        params = {"expression": expression, "returnByValue": True, "awaitPromise": True}
        reply = self.call("Runtime.evaluate", params, session)
        if "exceptionDetails" in reply:
            details = reply["exceptionDetails"]
            raise BrowserError(f"script failed: {details.get('exception', {}).get('description') or details}")
        return reply.get("result", {}).get("value")

    def print_pdf(self, session: str, options: dict[str, Any]) -> bytes:
        """The page printed by ``Page.printToPDF`` with ``options``."""
        data = self.call("Page.printToPDF", options, session)["data"]
        return base64.b64decode(data)
