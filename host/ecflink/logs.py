"""The host's log: a small rotating file in the data folder. Message contents are never logged."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from ecflink.paths import data_dir

LOG_NAME = "ecflink"
MAX_BYTES = 1024 * 1024
BACKUPS = 3


class RotatingLog(logging.FileHandler):
    """`host.log`, moved to `host.log.1` (then .2, .3; the oldest dropped) before it would pass
    `max_bytes`. The standard library's RotatingFileHandler does the same, but importing
    `logging.handlers` brings sockets, pickle and queues into the host: about a megabyte of memory
    and several milliseconds of start-up, on the path to the first reply."""

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> None:
        super().__init__(path, encoding="utf-8")
        self.max_bytes, self.backups = max_bytes, backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record) + self.terminator
            if self.stream is not None and self._moved_away():
                self._reopen()
            if self.stream is not None and self.stream.tell() + len(line.encode("utf-8")) > self.max_bytes:
                self._rotate()
        except Exception:  # as logging does: a failing log line must not stop the host
            self.handleError(record)
            return
        super().emit(record)

    def _moved_away(self) -> bool:
        """Another host process (a second browser's) rotated `host.log` since this one opened it."""
        stream = self.stream
        try:
            return stream is None or os.stat(self.baseFilename).st_ino != os.fstat(stream.fileno()).st_ino
        except FileNotFoundError:
            return True

    def _reopen(self) -> None:
        if self.stream is not None:
            self.stream.close()
        self.stream = self._open()

    def _rotate(self) -> None:
        base = self.baseFilename
        try:
            if not self._moved_away():  # else another process has just rotated: write to its new file
                for number in range(self.backups - 1, 0, -1):
                    if os.path.exists(f"{base}.{number}"):
                        os.replace(f"{base}.{number}", f"{base}.{number + 1}")
                os.replace(base, f"{base}.1")
        except FileNotFoundError:
            pass  # the same race, lost by a hair: another process moved these files first
        self._reopen()


def failure(exc: BaseException) -> str:
    """An exception as the log may keep it: its type and where it was raised (file, line, function),
    never its message, which may quote a login, a password or page text."""
    import traceback

    places = [f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in traceback.extract_tb(exc.__traceback__)[-4:]]
    return f"{type(exc).__name__} at {' < '.join(reversed(places)) or 'unknown place'}"


def setup_host_logging() -> logging.Logger:
    """Log to `<data dir>/logs/host.log` (3 x 1 MiB); to stderr if that folder cannot be written."""
    logger = logging.getLogger(LOG_NAME)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    fmt = logging.Formatter("%(asctime)s pid=%(process)d %(levelname)s %(message)s")
    try:
        folder = data_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingLog(folder / "host.log")
    except OSError as exc:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(fmt)
        logger.addHandler(handler)
        logger.warning("cannot write the log folder (%s); logging to stderr", exc.__class__.__name__)
        return logger
    handler.setFormatter(fmt)
    logger.addHandler(handler)
    return logger
