"""The host's log, through the standard library's `logging`: a small rotating file in the data
folder, `2026-12-01 18:40:00,123 pid=4242 INFO message`. Message contents are never logged.

One piece is ours, for correctness: several host processes (one per browser) share `host.log`,
which logging's RotatingFileHandler assumes one process owns. `SharedRotatingFileHandler` follows a
file another process has rotated away, as WatchedFileHandler does, instead of rotating it again."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from ecflink.paths import in_data_dir

MAX_BYTES = 1024 * 1024
BACKUPS = 3
FORMATTER = logging.Formatter("%(asctime)s pid=%(process)d %(levelname)s %(message)s")

LOG = logging.getLogger("ecflink.host")  # the host's one log: nowhere until setup_host_logging()
LOG.setLevel(logging.INFO)
LOG.addHandler(logging.NullHandler())
LOG.propagate = False


class SharedRotatingFileHandler(RotatingFileHandler):
    """`host.log`, moved to `host.log.1` (then .2, .3; the oldest dropped) before it would pass
    `maxBytes`. A process that finds the file moved away by another reopens it instead of rotating
    again; a line that cannot be written is dropped, since the log must never stop the host."""

    def emit(self, record: logging.LogRecord) -> None:
        if self.stream is not None and self._moved_away():
            self._reopen()
        super().emit(record)

    def doRollover(self) -> None:  # noqa: N802  (logging's name)
        if self.stream is not None and self._moved_away():  # another process has just rotated
            self._reopen()
            return
        try:
            super().doRollover()
        except FileNotFoundError:  # the same race, lost by a hair: another process moved these files first
            self._reopen()

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802
        """Dropped: logging would print the line and its arguments to stderr, the browser's log."""

    def _moved_away(self) -> bool:
        try:
            return self.stream is None or os.stat(self.baseFilename).st_ino != os.fstat(self.stream.fileno()).st_ino
        except FileNotFoundError:
            return True

    def _reopen(self) -> None:
        if self.stream is not None:
            self.stream.close()
        self.stream = self._open()


def failure(exc: BaseException) -> str:
    """An exception as the log may keep it: its type and where it was raised (file, line, function),
    never its message, which may quote a login, a password or page text."""
    places = [f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in traceback.extract_tb(exc.__traceback__)[-4:]]
    return f"{type(exc).__name__} at {' < '.join(reversed(places)) or 'unknown place'}"


def setup_host_logging() -> logging.Logger:
    """Log to `<data dir>/logs/host.log` (3 x 1 MiB); to stderr if that folder cannot be written."""
    handler: logging.Handler
    try:
        folder = in_data_dir("logs")
        folder.mkdir(parents=True, exist_ok=True)
        handler = SharedRotatingFileHandler(
            folder / "host.log", maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
        problem = None
    except OSError as exc:
        handler, problem = logging.StreamHandler(sys.stderr), exc.__class__.__name__
    handler.setFormatter(FORMATTER)
    LOG.addHandler(handler)
    if problem:
        LOG.warning("cannot write the log folder (%s); logging to stderr", problem)
    return LOG
