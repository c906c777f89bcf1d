"""Where ecflink keeps its own files (logs, settings, progress store, install record).

The host's own modules name these files with strings and `os.path`: importing pathlib costs every
start of the host about 2.5 ms (docs/performance.md); `data_dir()` gives a Path for the CLI.
"""

from __future__ import annotations

import os
import sys
from _thread import get_ident

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (docs/decisions.md)
if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path


def os_name(platform: str = sys.platform) -> str:
    """'linux', 'darwin' or 'win32' for a `sys.platform` value."""
    return "linux" if platform.startswith("linux") else platform


def data_dir_for(os_name: str, home: str, env: Mapping[str, str]) -> str:
    """ecflink's per-user data folder on `os_name` ('linux', 'darwin', 'win32'), as that OS spells
    it: `ECFLINK_DATA_DIR` if set, else the platform's per-user data folder."""
    if os_name == "win32":
        import ntpath as spell
    else:
        import posixpath as spell  # type: ignore[no-redef]  # the same functions, for the other OS
    override = env.get("ECFLINK_DATA_DIR")
    if override:
        return override
    if os_name == "win32":
        return spell.join(env.get("LOCALAPPDATA") or spell.join(home, "AppData", "Local"), "ecflink")
    if os_name == "darwin":
        return spell.join(home, "Library", "Application Support", "ecflink")
    return spell.join(env.get("XDG_DATA_HOME") or spell.join(home, ".local", "share"), "ecflink")


def package_data(name: str) -> str:
    """The text of one of ecflink's own data files (`host/ecflink/data/<name>`). Read beside this
    module rather than through importlib.resources, which would add a megabyte and a half to the
    host's memory for files that always lie on disk."""
    with open(os.path.join(os.path.dirname(__file__), "data", name), encoding="utf-8") as text:
        return text.read()


def write_private(path: str | os.PathLike[str], content: str) -> None:
    """Replace `path` with `content` atomically, readable by this user alone (0600; a missing folder
    is made 0700). One temporary file per writer (hosts run side by side), made without the
    tempfile module's imports (random, hashlib, shutil) on the host's start-up path."""
    folder, name = os.path.split(os.path.abspath(path))
    os.makedirs(folder, mode=0o700, exist_ok=True)
    tmp = os.path.join(folder, f".{name}.{os.getpid()}.{get_ident()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(content)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def in_data_dir(*names: str) -> str:
    """A file or folder in this user's ecflink data folder on this computer."""
    return os.path.join(data_dir_for(os_name(), os.path.expanduser("~"), os.environ), *names)


def data_dir() -> Path:
    """This user's ecflink data folder on this computer, as a Path (for the CLI)."""
    from pathlib import Path

    return Path(in_data_dir())


def private_data_dir() -> str:
    """This user's data folder, kept private: everything the process creates from now on is for
    this user alone (umask 077), and the folder and whatever an earlier version left open to other
    users (the progress store and host log were once 0644) lose their group and other bits."""
    os.umask(0o077)
    folder = in_data_dir()
    os.makedirs(folder, mode=0o700, exist_ok=True)
    if os.name != "nt":
        _keep_private(folder)
    return folder


def _keep_private(folder: str) -> None:
    """Take group and other permissions off `folder` and everything under it that this user owns
    (symbolic links are neither followed nor changed)."""
    me = os.geteuid()
    pending = [folder]
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
