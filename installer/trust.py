"""Can only an administrator change this? For a system-wide host, whose code every user's browser
runs with that user's keyring at hand, and for the doctor running as root, which must not run a
program a user could have put in place.

On Linux and macOS a file passes when it and every folder above it belong to root and no other
user or group can write them (a group of root's own, and a sticky folder such as /tmp above a
root-owned one, are allowed). Windows keeps this in access-control lists, which the standard
library cannot read: there the checks say so instead of passing silently.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

WINDOWS_NOTE = (
    "on Windows ecflink cannot read file permissions: make sure only administrators can change "
    "the Python installation and the ecflink package"
)


def _owner_problem(path: Path, info: os.stat_result, below: bool) -> str | None:
    if stat.S_ISLNK(info.st_mode):
        return None  # a link is changed through its folder (checked) and leads to a path checked too
    if info.st_uid != 0:
        return f"{path} belongs to uid {info.st_uid}, not root"
    mode = stat.S_IMODE(info.st_mode)
    if mode & 0o002 and not (stat.S_ISDIR(info.st_mode) and mode & stat.S_ISVTX and below):
        return f"{path} can be changed by any user (mode {mode:o})"
    if mode & 0o020 and info.st_gid != 0:
        return f"{path} can be changed by group {info.st_gid} (mode {mode:o})"
    return None


def admin_only_problems(paths: list[Path]) -> list[str]:
    """What makes any of `paths` (or a folder above one) changeable by someone other than root;
    [] when only root can change them. Links are checked where they stand and where they lead."""
    if os.name == "nt":
        return [WINDOWS_NOTE]
    problems: list[str] = []
    seen: set[Path] = set()
    for given in paths:
        for path in dict.fromkeys([Path(os.path.abspath(given)), Path(given).resolve()]):
            chain = [path, *path.parents]
            for index, node in enumerate(chain):
                if node in seen:
                    continue
                seen.add(node)
                try:
                    info = node.lstat()
                except FileNotFoundError:
                    continue
                problem = _owner_problem(node, info, below=index > 0)
                if problem:
                    problems.append(problem)
    return problems


def tree_problems(folder: Path) -> list[str]:
    """`admin_only_problems` for every file and folder under `folder` (what Python may import,
    run at start-up from a .pth file, or compile from it), links not followed."""
    problems = []
    for here, folders, files in os.walk(folder):
        for name in [*folders, *files]:
            path = Path(here) / name
            try:
                problem = _owner_problem(path, path.lstat(), below=False)
            except FileNotFoundError:
                continue
            if problem:
                problems.append(problem)
    return problems


_PROBE = (
    "import json, sys, ecflink; print(json.dumps({'path': sys.path, 'prefix': sys.prefix, "
    "'package': list(ecflink.__path__)}))"
)


def interpreter_problems(python: str) -> list[str]:
    """What lets a user change the code the launcher's `python -I` runs: the interpreter, its venv
    settings, and everything under each entry of its isolated `sys.path` (the standard library,
    site-packages and their .pth files) and in the ecflink package itself."""
    if os.name == "nt":
        return [WINDOWS_NOTE]
    try:
        found = subprocess.run([python, "-I", "-c", _PROBE], capture_output=True, text=True, timeout=60, cwd="/")
        layout = json.loads(found.stdout) if found.returncode == 0 else None
    except (OSError, subprocess.TimeoutExpired, ValueError):
        layout = None
    if layout is None:
        return [f"{python} cannot import ecflink when run isolated (python -I), as the launcher runs it"]
    paths = [Path(python), Path(layout["prefix"]) / "pyvenv.cfg"]
    paths += [Path(entry) for entry in layout["path"] if entry]
    paths += [Path(folder) for folder in layout["package"]]
    problems = admin_only_problems([p for p in paths if os.path.lexists(p)])
    for folder in dict.fromkeys(p.resolve() for p in paths[2:] if p.is_dir()):
        problems += tree_problems(folder)
    return list(dict.fromkeys(problems))
