"""Where ecflink keeps its own files (logs, install record, later the progress store)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def data_dir() -> Path:
    """`ECFLINK_DATA_DIR` if set, else the platform's per-user data folder for ecflink."""
    override = os.environ.get("ECFLINK_DATA_DIR")
    if override:
        return Path(override)
    home = Path.home()
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local") / "ecflink"
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "ecflink"
    return Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share") / "ecflink"
