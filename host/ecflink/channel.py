"""The host's stdio: stdin for incoming frames, a private duplicate of stdout for outgoing ones."""

from __future__ import annotations

import os
import sys
from typing import BinaryIO


def _binary_mode(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import msvcrt

        msvcrt.setmode(fd, os.O_BINARY)


def claim_stdout() -> BinaryIO:
    """Keep the real stdout for frames alone; point fd 1 and `sys.stdout` at stderr.

    A stray `print`, a library's warning or a child process writing to fd 1 then lands on
    stderr (the browser's log) instead of corrupting the frame stream.
    """
    sys.stdout.flush()
    frames_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    _binary_mode(frames_fd)
    return os.fdopen(frames_fd, "wb")


def frames_in() -> BinaryIO:
    """The browser's frames arrive on stdin, read as bytes."""
    _binary_mode(0)
    return sys.stdin.buffer
