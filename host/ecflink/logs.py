"""The host's log: a small rotating file in the data folder. Message contents are never logged."""

from __future__ import annotations

import logging
import logging.handlers
import sys

from ecflink.paths import data_dir

LOG_NAME = "ecflink"


def setup_host_logging() -> logging.Logger:
    """Log to `<data dir>/logs/host.log` (3 x 1 MiB); to stderr if that folder cannot be written."""
    logger = logging.getLogger(LOG_NAME)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    fmt = logging.Formatter("%(asctime)s pid=%(process)d %(levelname)s %(message)s")
    try:
        folder = data_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            folder / "host.log", maxBytes=1024 * 1024, backupCount=3, encoding="utf-8"
        )
    except OSError as exc:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(fmt)
        logger.addHandler(handler)
        logger.warning("cannot write the log folder (%s); logging to stderr", exc.__class__.__name__)
        return logger
    handler.setFormatter(fmt)
    logger.addHandler(handler)
    return logger
