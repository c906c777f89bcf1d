"""Where ecflink keeps its own files (logs, settings, progress store, install record)."""

from __future__ import annotations

import os
import sys
from _thread import get_ident
from collections.abc import Mapping
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath


def os_name(platform: str = sys.platform) -> str:
    """'linux', 'darwin' or 'win32' for a `sys.platform` value."""
    return "linux" if platform.startswith("linux") else platform


def data_dir_for(os_name: str, home: PurePath, env: Mapping[str, str]) -> PurePath:
    """ecflink's per-user data folder on `os_name` ('linux', 'darwin', 'win32'), as that OS spells
    it: `ECFLINK_DATA_DIR` if set, else the platform's per-user data folder."""
    spell = PureWindowsPath if os_name == "win32" else PurePosixPath
    override = env.get("ECFLINK_DATA_DIR")
    if override:
        return spell(override)
    if os_name == "win32":
        return spell(env.get("LOCALAPPDATA") or spell(home) / "AppData" / "Local") / "ecflink"
    if os_name == "darwin":
        return spell(home) / "Library" / "Application Support" / "ecflink"
    return spell(env.get("XDG_DATA_HOME") or spell(home) / ".local" / "share") / "ecflink"


def package_data(name: str) -> str:
    """The text of one of ecflink's own data files (`host/ecflink/data/<name>`). Read beside this
    module rather than through importlib.resources, which would add a megabyte and a half to the
    host's memory for files that always lie on disk."""
    return (Path(__file__).parent / "data" / name).read_text("utf-8")


def write_private(path: Path, content: str) -> None:
    """Replace `path` with `content` atomically, readable by this user alone (0600; a missing folder
    is made 0700). One temporary file per writer (hosts run side by side), made without the
    tempfile module's imports (random, hashlib, shutil) on the host's start-up path."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{get_ident()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(content)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def data_dir() -> Path:
    """This user's ecflink data folder on this computer."""
    return Path(data_dir_for(os_name(), Path.home(), os.environ))


def private_data_dir() -> Path:
    """This user's data folder, kept private: everything the process creates from now on is for
    this user alone (umask 077), and the folder and whatever an earlier version left open to other
    users (the progress store and host log were once 0644) lose their group and other bits."""
    os.umask(0o077)
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name != "nt":
        _keep_private(folder)
    return folder


def _keep_private(folder: Path) -> None:
    """Take group and other permissions off `folder` and everything under it that this user owns
    (symbolic links are neither followed nor changed)."""
    me = os.geteuid()
    pending = [folder]
    while pending:
        here = pending.pop()
        try:
            info = here.lstat()
            if info.st_uid == me and info.st_mode & 0o077:
                os.chmod(here, info.st_mode & 0o700)
            entries = list(os.scandir(here))
        except OSError:
            continue  # vanished or not ours: nothing to repair here
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
            elif entry.is_file(follow_symlinks=False):
                try:
                    info = entry.stat(follow_symlinks=False)
                    if info.st_uid == me and info.st_mode & 0o077:
                        os.chmod(entry.path, info.st_mode & 0o700)
                except OSError:
                    pass
