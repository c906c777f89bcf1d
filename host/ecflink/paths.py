"""Where ecflink keeps its own files (logs, settings, progress store, install record), and how it
writes them: privately, atomically."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath


def os_name(platform: str = sys.platform) -> str:
    """'linux', 'darwin' or 'win32' for a `sys.platform` value."""
    return "linux" if platform.startswith("linux") else platform


def data_dir_for(os_name: str, home: str, env: Mapping[str, str]) -> PurePath:
    """ecflink's per-user data folder on `os_name` ('linux', 'darwin', 'win32'), as that OS spells
    it: `ECFLINK_DATA_DIR` if set, else the platform's per-user data folder."""
    spell = PureWindowsPath if os_name == "win32" else PurePosixPath
    override = env.get("ECFLINK_DATA_DIR")
    if override:
        return spell(override)
    if os_name == "win32":
        return spell(env.get("LOCALAPPDATA") or spell(home, "AppData", "Local"), "ecflink")
    if os_name == "darwin":
        return spell(home, "Library", "Application Support", "ecflink")
    return spell(env.get("XDG_DATA_HOME") or spell(home, ".local", "share"), "ecflink")


def package_data(name: str) -> str:
    """The text of one of ecflink's own data files (`host/ecflink/data/<name>`)."""
    return files("ecflink").joinpath("data", name).read_text(encoding="utf-8")


def write_private(path: str | os.PathLike[str], content: str) -> None:
    """Replace `path` with `content` atomically, readable by this user alone (0600; a missing folder
    is made 0700). Each writer has a temporary file of its own (hosts run side by side)."""
    target = Path(path).absolute()
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(content)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def in_data_dir(*names: str) -> Path:
    """A file or folder in this user's ecflink data folder on this computer."""
    return Path(data_dir_for(os_name(), str(Path.home()), os.environ), *names)


def data_dir() -> Path:
    """This user's ecflink data folder on this computer."""
    return in_data_dir()


def private_data_dir() -> Path:
    """This user's data folder, kept private: everything the process creates from now on is for
    this user alone (umask 077), and the folder and whatever an earlier version left open to other
    users (the progress store and host log were once 0644) lose their group and other bits."""
    os.umask(0o077)
    folder = in_data_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name != "nt":
        _keep_private(folder)
    return folder


def _keep_private(folder: Path) -> None:
    """Take group and other permissions off `folder` and everything under it that this user owns
    (symbolic links are neither followed nor changed)."""
    me = os.geteuid()
    pending: list[str | Path] = [folder]
    while pending:
        here = pending.pop()
        try:
            info = os.lstat(here)
            if info.st_uid == me and info.st_mode & 0o077:
                os.chmod(here, info.st_mode & 0o700)
            entries = list(os.scandir(here))
        except OSError:
            continue  # vanished or not ours: nothing to repair here
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
            elif entry.is_file(follow_symlinks=False):
                try:
                    info = entry.stat(follow_symlinks=False)
                    if info.st_uid == me and info.st_mode & 0o077:
                        os.chmod(entry.path, info.st_mode & 0o700)
                except OSError:
                    pass
