"""The one small interface every installer file and registry operation goes through.

A `Machine` names an operating system, the user's home and well-known folders as that system
spells them (logical paths: POSIX or Windows), where those paths really live (the real file system,
or a temporary folder standing in for its root), and a Windows registry. The real machine writes
where the browsers look; tests give a temporary root and a `RecordingRegistry` and check Linux,
macOS and Windows installs on any OS.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath
from typing import Any, Mapping, Protocol

from ecflink.paths import data_dir_for, os_name

OSES = ("linux", "darwin", "win32")


@dataclass(frozen=True)
class RegKey:
    """A registry key; `view` is 64 or 32 (KEY_WOW64_64KEY / KEY_WOW64_32KEY), always explicit."""

    hive: str
    path: str
    view: int = 64

    def __str__(self) -> str:
        return f"{self.hive}\\{self.path}" + (" (32-bit view)" if self.view == 32 else "")


class Registry(Protocol):
    """Default values of registry keys: all the native-messaging registration needs."""

    def get(self, key: RegKey) -> str | None: ...
    def set(self, key: RegKey, value: str) -> None: ...
    def delete(self, key: RegKey) -> None: ...


class RecordingRegistry:
    """An in-memory registry that records each write and delete, in order."""

    def __init__(self, values: Mapping[RegKey, str] | None = None) -> None:
        self.values: dict[RegKey, str] = dict(values or {})
        self.log: list[tuple[str, RegKey, str | None]] = []

    def get(self, key: RegKey) -> str | None:
        return self.values.get(key)

    def set(self, key: RegKey, value: str) -> None:
        self.log.append(("set", key, value))
        self.values[key] = value

    def delete(self, key: RegKey) -> None:
        self.log.append(("delete", key, None))
        self.values.pop(key, None)


def _winreg() -> Any:
    """The `winreg` module (Windows only). Typed loosely: the type checker reads this file on any
    OS, where typeshed hides winreg's contents."""
    import winreg

    return winreg


class WindowsRegistry:
    """The real registry, through `winreg` (Windows only)."""

    def __init__(self) -> None:
        _winreg()  # fails early anywhere but Windows

    @staticmethod
    def _hive_and_view(key: RegKey) -> tuple[int, int]:
        winreg = _winreg()
        hive = {"HKCU": winreg.HKEY_CURRENT_USER, "HKLM": winreg.HKEY_LOCAL_MACHINE}[key.hive]
        return hive, winreg.KEY_WOW64_64KEY if key.view == 64 else winreg.KEY_WOW64_32KEY

    @classmethod
    def _open(cls, key: RegKey, access: int, create: bool = False):
        winreg = _winreg()
        hive, view = cls._hive_and_view(key)
        if create:
            return winreg.CreateKeyEx(hive, key.path, 0, access | view)
        return winreg.OpenKeyEx(hive, key.path, 0, access | view)

    def get(self, key: RegKey) -> str | None:
        winreg = _winreg()
        try:
            with self._open(key, winreg.KEY_READ) as handle:
                value, kind = winreg.QueryValueEx(handle, "")
        except FileNotFoundError:
            return None
        return value if kind in (winreg.REG_SZ, winreg.REG_EXPAND_SZ) else None

    def set(self, key: RegKey, value: str) -> None:
        winreg = _winreg()
        with self._open(key, winreg.KEY_WRITE, create=True) as handle:
            winreg.SetValueEx(handle, "", 0, winreg.REG_SZ, value)

    def delete(self, key: RegKey) -> None:
        winreg = _winreg()
        hive, view = self._hive_and_view(key)
        try:
            winreg.DeleteKeyEx(hive, key.path, view, 0)
        except FileNotFoundError:
            pass


@dataclass(frozen=True)
class Machine:
    """An operating system as the installer sees it. `root` None means the real file system."""

    os: str
    home: PurePath
    env: Mapping[str, str] = field(default_factory=dict)
    root: Path | None = None
    registry: Registry | None = None

    def windows_registry(self) -> Registry:
        """The registry (Windows, or a recording one in tests): only a Windows place has a key."""
        if self.registry is None:
            raise RuntimeError(f"no Windows registry on {self.os}")
        return self.registry

    @classmethod
    def current(cls) -> Machine:
        """This computer: its OS, home, environment, file system and (on Windows) registry."""
        name = os_name()
        return cls(
            os=name, home=Path.home(), env=dict(os.environ), registry=WindowsRegistry() if name == "win32" else None
        )

    def path(self, text: str | PurePath) -> PurePath:
        """A logical path, spelt the way this machine's OS spells paths."""
        return PureWindowsPath(text) if self.os == "win32" else PurePosixPath(text)

    def real(self, logical: PurePath) -> Path:
        """Where a logical path lives on this computer's file system."""
        if self.root is None:
            return Path(logical)
        drive = logical.drive.rstrip(":\\/") if isinstance(logical, PureWindowsPath) else ""
        return self.root.joinpath(*([drive] if drive else []), *logical.parts[1:])

    def folder(self, name: str) -> PurePath:
        """A well-known folder: config (XDG, Linux); appdata, localappdata, programfiles,
        programfiles_x86 (Windows); from the environment when set there."""
        env, home = self.env, self.home
        defaults = {
            "config": ("XDG_CONFIG_HOME", home / ".config"),
            "appdata": ("APPDATA", home / "AppData" / "Roaming"),
            "localappdata": ("LOCALAPPDATA", home / "AppData" / "Local"),
            "programfiles": ("ProgramFiles", self.path("C:/Program Files")),
            "programfiles_x86": ("ProgramFiles(x86)", self.path("C:/Program Files (x86)")),
        }
        variable, default = defaults[name]
        value = env.get(variable)
        return self.path(value) if value and self.path(value).is_absolute() else default

    def expand(self, template: str) -> PurePath:
        """A path template such as '{home}/.mozilla' or '{localappdata}/Google/Chrome/User Data'."""
        names = ("config", "appdata", "localappdata", "programfiles", "programfiles_x86")
        return self.path(template.format(home=self.home, **{n: self.folder(n) for n in names}))

    def user_data_dir(self) -> PurePath:
        """ecflink's per-user data folder on this OS (`ECFLINK_DATA_DIR` wins when set)."""
        return self.path(data_dir_for(self.os, str(self.home), self.env))
