"""Who ecflink is to the browsers, and the check that only our own extension launched the host."""

from __future__ import annotations

import re
from dataclasses import dataclass

HOST_NAME = "org.ecflink.host"

# Derived from the public `key` in extension/manifest.json (sha256 of the key, first 32 hex digits
# mapped 0-f -> a-p); tests/unit/test_identity.py checks the two stay in step.
CHROMIUM_EXTENSION_IDS = frozenset({"dnoemiijmalcmkkakcjacpiboohkbigg"})
GECKO_EXTENSION_IDS = frozenset({"ecflink@ecflink.org"})

_CHROMIUM_ORIGIN = re.compile(r"chrome-extension://([a-p]{32})/")


@dataclass(frozen=True)
class Caller:
    browser_family: str  # "chromium" or "firefox"
    extension_id: str


def identify_caller(args: list[str]) -> Caller | None:
    """The pinned extension that launched us, or None for anything else.

    Chromium-family browsers pass `chrome-extension://<id>/` (on Windows also `--parent-window=N`);
    Firefox passes the host manifest's path and the add-on id.
    """
    args = [arg for arg in args if not arg.startswith("--parent-window=")]
    if len(args) == 1:
        match = _CHROMIUM_ORIGIN.fullmatch(args[0])
        if match and match.group(1) in CHROMIUM_EXTENSION_IDS:
            return Caller("chromium", match.group(1))
    if len(args) == 2 and args[1] in GECKO_EXTENSION_IDS:
        return Caller("firefox", args[1])
    return None
