"""The host's log: a small rotating file in the data folder. Message contents are never logged.

Its own few lines rather than the standard library's `logging`, whose import (with traceback,
string and threading's setup) cost the host 7 to 11 ms before its first reply; the lines are as
logging wrote them: `2026-12-01 18:40:00,123 pid=4242 INFO message`."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from ecflink.paths import in_data_dir

MAX_BYTES = 1024 * 1024
BACKUPS = 3


class RotatingFile:
    """`host.log`, moved to `host.log.1` (then .2, .3; the oldest dropped) before it would pass
    `max_bytes`, as the standard library's RotatingFileHandler does. Several host processes (one
    per browser) may share it: one that finds the file moved away follows it to the new one."""

    def __init__(self, path: str, max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> None:
        self.path, self.max_bytes, self.backups = str(path), max_bytes, backups
        self.stream = self._open()

    def _open(self):
        return open(self.path, "a", encoding="utf-8")  # noqa: SIM115  (kept open; closed by close())

    def write(self, line: str) -> None:
        line += "\n"
        if self._moved_away():
            self._reopen()
        if self.stream.tell() + len(line.encode("utf-8")) > self.max_bytes:
            self._rotate()
        self.stream.write(line)
        self.stream.flush()

    def close(self) -> None:
        self.stream.close()

    def _moved_away(self) -> bool:
        """Another host process (a second browser's) rotated `host.log` since this one opened it."""
        try:
            return os.stat(self.path).st_ino != os.fstat(self.stream.fileno()).st_ino
        except FileNotFoundError:
            return True

    def _reopen(self) -> None:
        self.stream.close()
        self.stream = self._open()

    def _rotate(self) -> None:
        base = self.path
        try:
            if not self._moved_away():  # else another process has just rotated: write to its new file
                for number in range(self.backups - 1, 0, -1):
                    if os.path.exists(f"{base}.{number}"):
                        os.replace(f"{base}.{number}", f"{base}.{number + 1}")
                os.replace(base, f"{base}.1")
        except FileNotFoundError:
            pass  # the same race, lost by a hair: another process moved these files first
        self._reopen()


class Log:
    """The host's log lines; written nowhere until `write_to` gives them a place (the host does at
    its start: setup_host_logging). A line that cannot be written is dropped: the log must never
    stop the host."""

    def __init__(self) -> None:
        self._out: Callable[[str], None] | None = None

    def write_to(self, out: Callable[[str], None] | None) -> None:
        self._out = out

    def info(self, message: str, *args: object) -> None:
        self._line("INFO", message, args)

    def warning(self, message: str, *args: object) -> None:
        self._line("WARNING", message, args)

    def error(self, message: str, *args: object) -> None:
        self._line("ERROR", message, args)

    def _line(self, level: str, message: str, args: tuple[object, ...]) -> None:
        if self._out is None:
            return
        now = time.time()
        stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(now)) + f",{int(now % 1 * 1000):03d}"
        try:
            self._out(f"{stamp} pid={os.getpid()} {level} {message % args if args else message}")
        except Exception:  # as logging does: a failing log line must not stop the host
            pass


LOG = Log()  # the host's one log


def failure(exc: BaseException) -> str:
    """An exception as the log may keep it: its type and where it was raised (file, line, function),
    never its message, which may quote a login, a password or page text."""
    import traceback

    places = [
        f"{os.path.basename(f.filename)}:{f.lineno} {f.name}" for f in traceback.extract_tb(exc.__traceback__)[-4:]
    ]
    return f"{type(exc).__name__} at {' < '.join(reversed(places)) or 'unknown place'}"


def setup_host_logging() -> Log:
    """Log to `<data dir>/logs/host.log` (3 x 1 MiB); to stderr if that folder cannot be written."""
    try:
        folder = in_data_dir("logs")
        os.makedirs(folder, exist_ok=True)
        LOG.write_to(RotatingFile(os.path.join(folder, "host.log")).write)
    except OSError as exc:
        LOG.write_to(lambda line: print(line, file=sys.stderr, flush=True))
        LOG.warning("cannot write the log folder (%s); logging to stderr", exc.__class__.__name__)
    return LOG
