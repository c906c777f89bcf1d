"""Who ecflink is to the browsers, which extensions the helper app answers, and the check that only
one of those launched the host.

The extensions answered are those the host was installed for (data/extension-ids.json): the
published IDs always, a firm's own build named with `ecflink install --extension-id ID`, and the
development extension only after `ecflink install --dev`. The installer writes them into the
launcher, which passes them to the host before the browser's own arguments:

    python -I -c 'from ecflink.host import main; …' --accept chromium:ID --accept firefox:ID -- <browser's arguments>

Without `--accept` the host answers the published IDs alone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache

from ecflink.paths import package_data

HOST_NAME = "org.ecflink.host"
FAMILIES = ("chromium", "firefox")

_CHROMIUM_ID = re.compile(r"[a-p]{32}")
# Firefox add-on IDs: an e-mail-like name or a GUID in braces (WebExtensions' browser_specific_settings).
_GECKO_ID = re.compile(
    r"[A-Za-z0-9._+-]{1,80}@[A-Za-z0-9.-]{1,80}|\{[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\}"
)
_CHROMIUM_ORIGIN = re.compile(r"chrome-extension://([a-p]{32})/")


class UnknownExtensionId(ValueError):
    """Not the shape of a Chrome-family extension ID nor of a Firefox add-on ID."""


@dataclass(frozen=True, slots=True)
class Accepted:
    """The extension IDs the host answers, by browser family."""

    chromium: frozenset[str] = field(default_factory=frozenset)
    firefox: frozenset[str] = field(default_factory=frozenset)

    def __or__(self, other: Accepted) -> Accepted:
        return Accepted(self.chromium | other.chromium, self.firefox | other.firefox)

    def of(self, family: str) -> list[str]:
        return sorted(self.chromium if family == "chromium" else self.firefox)

    def as_args(self) -> list[str]:
        """The launcher's arguments that pass this set to the host."""
        return [arg for family in FAMILIES for i in self.of(family) for arg in ("--accept", f"{family}:{i}")]

    def as_record(self) -> dict[str, list[str]]:
        return {family: self.of(family) for family in FAMILIES}

    @classmethod
    def from_record(cls, record: dict) -> Accepted:
        return cls(frozenset(record.get("chromium", ())), frozenset(record.get("firefox", ())))


@cache
def _ids() -> dict:
    return json.loads(package_data("extension-ids.json"))


def published() -> Accepted:
    """The released extension's IDs in the stores (those assigned so far)."""
    stores = _ids()["published"]
    chromium = {stores[s] for s in ("chrome_web_store", "edge_addons") if stores[s]}
    return Accepted(frozenset(chromium), frozenset({stores["firefox"]} if stores["firefox"] else ()))


def development() -> Accepted:
    """The unpacked development extension (extension/ with its manifest `key`)."""
    dev = _ids()["development"]
    return Accepted(frozenset({dev["chromium"]}), frozenset({dev["firefox"]}))


def extension_id(text: str) -> Accepted:
    """One ID as `ecflink install --extension-id` takes it, in the family its shape says."""
    text = text.strip()
    if _CHROMIUM_ID.fullmatch(text):
        return Accepted(chromium=frozenset({text}))
    if _GECKO_ID.fullmatch(text):
        return Accepted(firefox=frozenset({text}))
    raise UnknownExtensionId(
        f"{text[:100]!r} is neither a Chrome-family extension ID (32 letters a-p) nor a Firefox add-on ID "
        "(name@domain, or a {GUID})"
    )


def split_args(argv: list[str]) -> tuple[Accepted | None, list[str]]:
    """The launcher's `--accept family:ID` pairs up to `--`, and the browser's arguments after it;
    (None, argv) when the launcher passed none."""
    if "--accept" not in argv[:1]:
        return None, argv
    chromium: set[str] = set()
    firefox: set[str] = set()
    rest = list(argv)
    while rest[:1] == ["--accept"] and len(rest) >= 2:
        family, _, ident = rest[1].partition(":")
        (chromium if family == "chromium" else firefox if family == "firefox" else set()).add(ident)
        rest = rest[2:]
    return Accepted(frozenset(chromium), frozenset(firefox)), rest[1:] if rest[:1] == ["--"] else rest


@dataclass(frozen=True, slots=True)
class Caller:
    browser_family: str  # "chromium" or "firefox"
    extension_id: str


def identify_caller(args: list[str], accepted: Accepted) -> Caller | None:
    """The accepted extension that launched us, or None for anything else.

    Chromium-family browsers pass `chrome-extension://<id>/` (on Windows also `--parent-window=N`);
    Firefox passes the host manifest's path and the add-on id.
    """
    args = [arg for arg in args if not arg.startswith("--parent-window=")]
    if len(args) == 1:
        match = _CHROMIUM_ORIGIN.fullmatch(args[0])
        if match and match.group(1) in accepted.chromium:
            return Caller("chromium", match.group(1))
    if len(args) == 2 and args[1] in accepted.firefox:
        return Caller("firefox", args[1])
    return None
