"""Where each browser looks for native-messaging host manifests, on each OS and level, in the order
it looks; and how to tell that a browser is on the machine.

Sources: the Chrome, Edge and MDN native-messaging pages (Chrome, Chromium, Edge, Firefox); Brave's
and Vivaldi's packages and the Bitwarden desktop installer (Brave, Vivaldi). See docs/decisions.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from ecflink.identity import HOST_NAME
from ecflink.installer.machine import OSES, Machine, RegKey

LEVELS = ("user", "system")


class UnsupportedTarget(ValueError):
    """This browser, platform or option combination cannot be installed to."""


@dataclass(frozen=True)
class Browser:
    name: str
    title: str
    family: str  # "chromium" or "firefox": which manifest it takes and how it names the caller
    user_dir: dict[str, str]  # OS -> folder template (Linux, macOS)
    system_dirs: dict[str, tuple[str, ...]]  # OS -> folders, in the order the browser reads them
    registry_path: str  # Windows, under HKCU and HKLM
    evidence: dict[str, tuple[str, ...]]  # OS -> paths whose presence means the browser is installed
    policy_dir: dict[str, str] | None = None  # Linux: managed policy JSON folder (Chromium family)


_MAC_APPS = "/Applications/{0}.app", "{{home}}/Applications/{0}.app"


def _mac(app: str) -> tuple[str, ...]:
    return tuple(t.format(app) for t in _MAC_APPS)


BROWSERS: dict[str, Browser] = {
    b.name: b
    for b in [
        Browser(
            "chrome",
            "Google Chrome",
            "chromium",
            user_dir={
                "linux": "{config}/google-chrome/NativeMessagingHosts",
                "darwin": "{home}/Library/Application Support/Google/Chrome/NativeMessagingHosts",
            },
            system_dirs={
                "linux": ("/etc/opt/chrome/native-messaging-hosts",),
                "darwin": ("/Library/Google/Chrome/NativeMessagingHosts",),
            },
            registry_path=r"Software\Google\Chrome\NativeMessagingHosts",
            evidence={
                "linux": (
                    "/opt/google/chrome/chrome",
                    "/usr/bin/google-chrome",
                    "/usr/bin/google-chrome-stable",
                    "{config}/google-chrome",
                ),
                "darwin": (*_mac("Google Chrome"), "{home}/Library/Application Support/Google/Chrome"),
                "win32": (
                    r"{programfiles}\Google\Chrome\Application\chrome.exe",
                    r"{programfiles_x86}\Google\Chrome\Application\chrome.exe",
                    r"{localappdata}\Google\Chrome\User Data",
                ),
            },
            policy_dir={"linux": "/etc/opt/chrome/policies/managed"},
        ),
        Browser(
            "chromium",
            "Chromium",
            "chromium",
            user_dir={
                "linux": "{config}/chromium/NativeMessagingHosts",
                "darwin": "{home}/Library/Application Support/Chromium/NativeMessagingHosts",
            },
            system_dirs={
                "linux": ("/etc/chromium/native-messaging-hosts",),
                "darwin": ("/Library/Application Support/Chromium/NativeMessagingHosts",),
            },
            registry_path=r"Software\Chromium\NativeMessagingHosts",
            evidence={
                "linux": (
                    "/usr/lib/chromium/chromium",
                    "/usr/bin/chromium",
                    "/usr/bin/chromium-browser",
                    "{config}/chromium",
                ),
                "darwin": (*_mac("Chromium"), "{home}/Library/Application Support/Chromium"),
                "win32": (r"{localappdata}\Chromium\Application\chrome.exe", r"{localappdata}\Chromium\User Data"),
            },
            policy_dir={"linux": "/etc/chromium/policies/managed"},
        ),
        Browser(
            "edge",
            "Microsoft Edge",
            "chromium",
            user_dir={
                "linux": "{config}/microsoft-edge/NativeMessagingHosts",
                "darwin": "{home}/Library/Application Support/Microsoft Edge/NativeMessagingHosts",
            },
            system_dirs={
                "linux": ("/etc/opt/edge/native-messaging-hosts",),
                "darwin": ("/Library/Microsoft/Edge/NativeMessagingHosts",),
            },
            registry_path=r"Software\Microsoft\Edge\NativeMessagingHosts",
            evidence={
                "linux": (
                    "/opt/microsoft/msedge/msedge",
                    "/usr/bin/microsoft-edge",
                    "/usr/bin/microsoft-edge-stable",
                    "{config}/microsoft-edge",
                ),
                "darwin": (*_mac("Microsoft Edge"), "{home}/Library/Application Support/Microsoft Edge"),
                "win32": (
                    r"{programfiles_x86}\Microsoft\Edge\Application\msedge.exe",
                    r"{programfiles}\Microsoft\Edge\Application\msedge.exe",
                    r"{localappdata}\Microsoft\Edge\User Data",
                ),
            },
            policy_dir={"linux": "/etc/opt/edge/policies/managed"},
        ),
        Browser(
            "brave",
            "Brave",
            "chromium",
            user_dir={
                "linux": "{config}/BraveSoftware/Brave-Browser/NativeMessagingHosts",
                "darwin": "{home}/Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts",
            },
            system_dirs={
                "linux": ("/etc/brave/native-messaging-hosts",),
                "darwin": ("/Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts",),
            },
            registry_path=r"Software\BraveSoftware\Brave-Browser\NativeMessagingHosts",
            evidence={
                "linux": (
                    "/opt/brave.com/brave/brave",
                    "/usr/bin/brave-browser",
                    "{config}/BraveSoftware/Brave-Browser",
                ),
                "darwin": (*_mac("Brave Browser"), "{home}/Library/Application Support/BraveSoftware/Brave-Browser"),
                "win32": (
                    r"{programfiles}\BraveSoftware\Brave-Browser\Application\brave.exe",
                    r"{localappdata}\BraveSoftware\Brave-Browser\User Data",
                ),
            },
            policy_dir={"linux": "/etc/brave/policies/managed"},
        ),
        Browser(
            "vivaldi",
            "Vivaldi",
            "chromium",
            user_dir={
                "linux": "{config}/vivaldi/NativeMessagingHosts",
                "darwin": "{home}/Library/Application Support/Vivaldi/NativeMessagingHosts",
            },
            system_dirs={
                "linux": ("/etc/opt/vivaldi/native-messaging-hosts",),
                "darwin": ("/Library/Application Support/Vivaldi/NativeMessagingHosts",),
            },
            registry_path=r"Software\Vivaldi\NativeMessagingHosts",
            evidence={
                "linux": ("/opt/vivaldi/vivaldi", "/usr/bin/vivaldi", "/usr/bin/vivaldi-stable", "{config}/vivaldi"),
                "darwin": (*_mac("Vivaldi"), "{home}/Library/Application Support/Vivaldi"),
                "win32": (
                    r"{localappdata}\Vivaldi\Application\vivaldi.exe",
                    r"{programfiles}\Vivaldi\Application\vivaldi.exe",
                    r"{localappdata}\Vivaldi\User Data",
                ),
            },
        ),
        Browser(
            "firefox",
            "Firefox",
            "firefox",
            user_dir={
                "linux": "{home}/.mozilla/native-messaging-hosts",
                "darwin": "{home}/Library/Application Support/Mozilla/NativeMessagingHosts",
            },
            system_dirs={
                "linux": ("/usr/lib/mozilla/native-messaging-hosts", "/usr/lib64/mozilla/native-messaging-hosts"),
                "darwin": ("/Library/Application Support/Mozilla/NativeMessagingHosts",),
            },
            registry_path=r"Software\Mozilla\NativeMessagingHosts",
            evidence={
                "linux": (
                    "/usr/lib/firefox-esr/firefox-esr",
                    "/usr/lib/firefox/firefox",
                    "/usr/bin/firefox",
                    "/usr/bin/firefox-esr",
                    "{home}/.mozilla/firefox",
                ),
                "darwin": (*_mac("Firefox"), "{home}/Library/Application Support/Firefox"),
                "win32": (
                    r"{programfiles}\Mozilla Firefox\firefox.exe",
                    r"{programfiles_x86}\Mozilla Firefox\firefox.exe",
                    r"{appdata}\Mozilla\Firefox",
                ),
            },
        ),
    ]
}


def browser(name: str) -> Browser:
    try:
        return BROWSERS[name]
    except KeyError:
        raise UnsupportedTarget(f"unknown browser {name!r}; choose from {', '.join(BROWSERS)}") from None


@dataclass(frozen=True)
class Place:
    """One place a browser reads our host manifest from: a file, or (Windows) a registry key whose
    default value names the file."""

    level: str
    file: PurePath | None = None
    key: RegKey | None = None

    def __str__(self) -> str:
        return str(self.key if self.key else self.file)

    @property
    def path(self) -> PurePath:
        """The manifest file of a place that is a file."""
        if self.file is None:
            raise ValueError(f"{self} is a registry key, not a file")
        return self.file


def _check(machine: Machine, name: str, level: str, user_data_dir: PurePath | None) -> Browser:
    found = browser(name)
    if machine.os not in OSES:
        raise UnsupportedTarget(f"installing on {machine.os} is not supported (Linux, macOS and Windows are)")
    if level not in LEVELS:
        raise UnsupportedTarget(f"unknown level {level!r}; choose user or system")
    if user_data_dir is not None and (found.family != "chromium" or level != "user"):
        raise UnsupportedTarget("--user-data-dir applies to Chromium-family browsers at user level only")
    return found


def manifest_places(machine: Machine, name: str, level: str, user_data_dir: PurePath | None = None) -> list[Place]:
    """Every place `name` reads a manifest from at `level`, in the browser's own order of lookup.

    A Chromium-family browser started with `--user-data-dir` reads `<dir>/NativeMessagingHosts`
    and not its default per-user folder; Firefox's per-user manifests are per user, not per profile.
    Windows browsers read the 32-bit registry view before the 64-bit one.
    """
    found = _check(machine, name, level, user_data_dir)
    file_name = f"{HOST_NAME}.json"
    if machine.os == "win32":
        hive = "HKCU" if level == "user" else "HKLM"
        return [Place(level, key=RegKey(hive, f"{found.registry_path}\\{HOST_NAME}", view)) for view in (32, 64)]
    if level == "user":
        folder = (
            machine.path(user_data_dir) / "NativeMessagingHosts"
            if user_data_dir is not None
            else machine.expand(found.user_dir[machine.os])
        )
        return [Place(level, file=folder / file_name)]
    return [Place(level, file=machine.path(d) / file_name) for d in found.system_dirs[machine.os]]


def install_place(machine: Machine, name: str, level: str, user_data_dir: PurePath | None = None) -> Place:
    """Where install registers the host: the browser's first folder; on Windows the 64-bit view
    (read by every browser, whatever this Python's own bitness)."""
    places = manifest_places(machine, name, level, user_data_dir)
    return places[-1] if machine.os == "win32" else places[0]


def lookup_order(machine: Machine, name: str, user_data_dir: PurePath | None = None) -> list[Place]:
    """Every place the browser reads, in its order: per-user before system-wide."""
    return [*manifest_places(machine, name, "user", user_data_dir), *manifest_places(machine, name, "system")]


def installed_browsers(machine: Machine) -> list[str]:
    """The browsers found on this machine: an executable or a profile folder of theirs exists."""
    return [
        b.name
        for b in BROWSERS.values()
        if any(machine.real(machine.expand(p)).exists() for p in b.evidence.get(machine.os, ()))
    ]
