"""Where each browser looks for a user-level native-messaging host manifest."""

from __future__ import annotations

import sys
from pathlib import Path

FAMILY = {"chromium": "chromium", "chrome": "chromium", "firefox": "firefox"}
BROWSERS = tuple(FAMILY)

_USER_DIRS = {
    "linux": {
        "chromium": ".config/chromium/NativeMessagingHosts",
        "chrome": ".config/google-chrome/NativeMessagingHosts",
        "firefox": ".mozilla/native-messaging-hosts",
    },
    "darwin": {
        "chromium": "Library/Application Support/Chromium/NativeMessagingHosts",
        "chrome": "Library/Application Support/Google/Chrome/NativeMessagingHosts",
        "firefox": "Library/Application Support/Mozilla/NativeMessagingHosts",
    },
}


class UnsupportedTarget(ValueError):
    """This browser, platform or option combination cannot be installed to (yet)."""


def manifest_dir(browser: str, *, home: Path, user_data_dir: Path | None = None,
                 platform: str = sys.platform) -> Path:
    """The folder the browser reads our host manifest from.

    A Chromium-family browser started with `--user-data-dir` reads `<dir>/NativeMessagingHosts`
    and ignores the default per-user folder; Firefox host manifests are per user, not per profile.
    """
    if browser not in FAMILY:
        raise UnsupportedTarget(f"unknown browser {browser!r}; choose one of {', '.join(BROWSERS)}")
    if user_data_dir is not None:
        if FAMILY[browser] != "chromium":
            raise UnsupportedTarget("--user-data-dir applies to Chromium-family browsers only")
        return user_data_dir / "NativeMessagingHosts"
    key = "linux" if platform.startswith("linux") else platform
    if key not in _USER_DIRS:
        raise UnsupportedTarget(f"installing on {platform} is not supported yet (Linux and macOS are)")
    return home / _USER_DIRS[key][browser]
