"""Browsers installed as a Snap or a Flatpak (Linux), and what each can do with a helper app.

A sandboxed browser cannot run a program outside its sandbox on its own. What is known:
- Firefox as a Snap (Ubuntu's default since 22.04) starts helper apps through the desktop's
  WebExtensions portal, which reads the usual host-side manifest folder (`~/.mozilla/
  native-messaging-hosts`); the desktop asks the user once (keepassxreboot/keepassxc#8756, Firefox
  bug 1661935). Nothing more to install.
- Firefox as a Flatpak starts them through xdg-native-messaging-proxy from Firefox 157 (2026-09),
  from the same host-side manifests, when that service is installed and running
  (flatpak/xdg-desktop-portal#655). Older ones cannot, short of letting Firefox run any program
  outside its sandbox (`flatpak-spawn --host`), which ecflink does not do for the user.
- Chromium-family browsers as a Snap or a Flatpak have no such path on most systems (the Chromium
  snap only on Ubuntu's patched portal, keepassxreboot/keepassxc#10906): nothing can be installed
  for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from ecflink.installer.machine import Machine

SNAPS = {"firefox": "firefox", "chromium": "chromium", "brave": "brave"}
FLATPAKS = {
    "firefox": "org.mozilla.firefox",
    "chromium": "org.chromium.Chromium",
    "chrome": "com.google.Chrome",
    "edge": "com.microsoft.Edge",
    "brave": "com.brave.Browser",
    "vivaldi": "com.vivaldi.Vivaldi",
}


@dataclass(frozen=True)
class Sandboxed:
    """A browser found installed as a Snap or a Flatpak."""

    browser: str  # ecflink's name for it (installer/locations.py)
    kind: str  # "Snap" or "Flatpak"
    app: str  # the snap's name or the Flatpak application id
    found_at: PurePath
    works: bool  # whether a helper app installed the usual way can be started (possibly after a step)
    advice: str


def _advice(browser: str, kind: str, app: str) -> tuple[bool, str]:
    if browser == "firefox" and kind == "Snap":
        return True, (
            "Firefox is installed as a Snap: it starts ecflink's helper app through the desktop's WebExtensions "
            "portal, from the manifest `ecflink install --browser firefox` writes in ~/.mozilla. Allow ecflink "
            "when the desktop asks the first time. If it never asks and ecflink says setup is unfinished, reset "
            "the portal's answers (rm ~/.local/share/flatpak/db/webextensions) and log in again."
        )
    if browser == "firefox":
        return True, (
            "Firefox is installed as a Flatpak: from Firefox 157 it starts ecflink's helper app through "
            "xdg-native-messaging-proxy, from the manifest `ecflink install --browser firefox` writes in "
            "~/.mozilla, once that service is installed and running "
            "(systemctl --user enable --now xdg-native-messaging-proxy.service). An older Flatpak Firefox "
            "cannot start it; ecflink does not let Firefox run programs outside its sandbox for you. Update "
            "Firefox, or use your distribution's Firefox or Mozilla's own package."
        )
    how = f"snap remove {app}" if kind == "Snap" else f"flatpak uninstall {app}"
    return False, (
        f"This browser is installed as a {kind} ({app}), whose sandbox cannot start ecflink's helper app: "
        f"nothing can be installed for it. Use this browser from its maker's .deb or .rpm package instead "
        f"(then {how}), or another supported browser."
    )


def find_sandboxed(machine: Machine) -> list[Sandboxed]:
    """Every supported browser installed as a Snap or a Flatpak (system-wide or for this user)."""
    if machine.os != "linux":
        return []
    found = []
    for browser, snap in SNAPS.items():
        place = machine.path(f"/snap/{snap}/current")
        if machine.real(place).exists():
            found.append(Sandboxed(browser, "Snap", snap, place, *_advice(browser, "Snap", snap)))
    for browser, app in FLATPAKS.items():
        for root in (machine.path("/var/lib/flatpak"), machine.home / ".local" / "share" / "flatpak"):
            place = root / "app" / app / "current"
            if machine.real(place).exists():
                found.append(Sandboxed(browser, "Flatpak", app, place, *_advice(browser, "Flatpak", app)))
                break
    return found
