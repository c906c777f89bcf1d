"""`ecflink install` / `uninstall`: write the launcher, the host manifests and (Windows) the registry
keys naming them; and remove exactly those.

Everything written is listed in the level's install record (`install-record.json` beside the
launcher's folder): each file with its SHA-256, each registry key with the value written, and each
folder install had to create. Uninstall removes a file only while it still holds what install
wrote, a key only while it still names our manifest, and a folder only if install created it and
it is empty.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import PurePath

from ecflink.identity import HOST_NAME, Accepted
from ecflink.installer.locations import Place, browser, install_place
from ecflink.installer.machine import Machine, RegKey, os_name
from ecflink.installer.manifests import host_manifest

RECORD_NAME = "install-record.json"
SYSTEM_DIRS = {
    "linux": "/usr/local/lib/ecflink",
    "darwin": "/Library/Application Support/ecflink",
    "win32": "{programfiles}/ecflink",
}


@dataclass(frozen=True)
class Layout:
    """What an install writes and where: the machine, the level (user or system), the Python to run."""

    machine: Machine = field(default_factory=Machine.current)
    level: str = "user"
    python: str = sys.executable
    system_dir: str | None = None  # a system-wide install's own folder, if not SYSTEM_DIRS' (a package's)

    @property
    def base(self) -> PurePath:
        """ecflink's own folder at this level: the user's data folder, or a system-wide one."""
        if self.level == "user":
            return self.machine.user_data_dir()
        return self.machine.expand(self.system_dir or SYSTEM_DIRS[self.machine.os])

    @property
    def record_path(self) -> PurePath:
        return self.base / RECORD_NAME

    @property
    def launcher_path(self) -> PurePath:
        return self.base / "host" / ("ecflink-host.bat" if self.machine.os == "win32" else "ecflink-host")

    def manifest_file(self, name: str) -> PurePath:
        """Windows only: where the manifest a registry key names is kept."""
        return self.base / "host" / f"{HOST_NAME}.{name}.json"


# What the launcher runs: ecflink.host's main, called directly rather than with `-m ecflink.host`,
# whose runpy and importlib.util cost every start of the host about 1.4 ms (docs/performance.md).
HOST_ENTRY = "from ecflink.host import main; raise SystemExit(main())"


def launcher_script(os_name: str, python: str, accepted: Accepted) -> bytes:
    """A launcher that runs the host (`python -I -c HOST_ENTRY`) from a fixed folder with the
    accepted extensions, then the browser's arguments. `-I` (isolated) keeps the browser's working
    folder, PYTHONPATH and the other PYTHON* variables, and the user's own site-packages out of the
    host. The IDs are checked shapes (identity.extension_id): no quoting is needed."""
    accept = " ".join(accepted.as_args())
    if os_name == "win32":
        quoted = python.replace("%", "%%")  # cmd expands %NAME% even inside quotes
        return (
            "@echo off\r\n"
            "rem Written by `ecflink install`: starts the ecflink native-messaging host.\r\n"
            'cd /d "%~dp0"\r\n'
            f'"{quoted}" -I -c "{HOST_ENTRY}" {accept} -- %*\r\n'
        ).encode()
    escaped = "'" + python.replace("'", "'\"'\"'") + "'"
    return (
        "#!/bin/sh\n"
        "# Written by `ecflink install`: starts the ecflink native-messaging host.\n"
        "cd / || exit 1\n"
        f"exec {escaped} -I -c '{HOST_ENTRY}' {accept} -- \"$@\"\n"
    ).encode()


class UnsafeInterpreter(Exception):
    """A system-wide install with a Python (or ecflink package) that a user could change."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def check_system_python(layout: Layout) -> list[str]:
    """Before a system-wide install on this computer: raise UnsafeInterpreter if a user other than
    root could change the code every user's host would run; returns notes (Windows: unchecked)."""
    from ecflink.installer.trust import WINDOWS_NOTE, interpreter_problems

    if layout.level != "system" or layout.machine.root is not None or layout.machine.os != os_name():
        return []  # a temporary root or another system: nothing of this computer is run
    problems = interpreter_problems(layout.python)
    if problems == [WINDOWS_NOTE]:
        return problems
    if problems:
        raise UnsafeInterpreter(problems)
    return []


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _load_record(layout: Layout) -> dict:
    try:
        return json.loads(layout.machine.real(layout.record_path).read_text("utf-8"))
    except FileNotFoundError:
        return {"version": 3, "launcher": None, "manifests": {}, "created_dirs": [], "accepted": {}}


def _make_dirs(layout: Layout, folder: PurePath, record: dict) -> None:
    """Create `folder` and any missing parents, noting each in the record. System-level folders are
    made readable by every user whatever the umask."""
    machine, missing = layout.machine, []
    while not machine.real(folder).exists():
        missing.append(folder)
        if folder == folder.parent:  # a drive that a temporary root has not made yet
            break
        folder = folder.parent
    for made in reversed(missing):
        real = machine.real(made)
        real.mkdir()
        if layout.level == "system":
            real.chmod(0o755)
    record["created_dirs"] = sorted(set(record["created_dirs"]) | {str(m) for m in missing})


def _write(layout: Layout, path: PurePath, data: bytes, mode: int, record: dict) -> dict:
    """Write atomically; returns the file's record entry."""
    _make_dirs(layout, path.parent, record)
    real = layout.machine.real(path)
    tmp = real.with_name(f".{real.name}.tmp")
    tmp.write_bytes(data)
    tmp.chmod(mode)
    tmp.replace(real)
    return {"path": str(path), "sha256": _sha256(data)}


def _save_record(layout: Layout, record: dict) -> None:
    """Saved after the launcher, so the folder it lives in is already noted as created."""
    _write(layout, layout.record_path, (json.dumps(record, indent=2) + "\n").encode(), 0o644, record)


class NothingToAccept(Exception):
    """No extension ID of this browser's family to accept: the store has not assigned one yet."""


def accepted_at(layout: Layout) -> Accepted:
    """The extensions the host installed at this level answers (the install record's)."""
    return Accepted.from_record(_load_record(layout).get("accepted", {}))


def install(name: str, layout: Layout, accepted: Accepted, user_data_dir: PurePath | None = None) -> Place:
    """Register the host for one browser at the layout's level; returns where it was registered.

    The extensions accepted at a level only grow (`accepted` joins those of earlier installs; an
    uninstall starts afresh): the launcher and every browser's manifest at the level list them all."""
    machine = layout.machine
    place = install_place(machine, name, layout.level, user_data_dir)
    check_system_python(layout)
    record = _load_record(layout)
    accepted = accepted | Accepted.from_record(record.get("accepted", {}))
    if not accepted.of(browser(name).family):
        raise NothingToAccept(name)
    record["accepted"] = accepted.as_record()
    launcher = launcher_script(machine.os, layout.python, accepted)
    record["launcher"] = _write(layout, layout.launcher_path, launcher, 0o755, record)
    key = f"{name}:{place}"
    record["manifests"][key] = {
        "browser": name,
        "path": str(place.path if place.key is None else layout.manifest_file(name)),
    }
    if place.key is not None:
        machine.windows_registry().set(place.key, str(layout.manifest_file(name)))
        record["manifests"][key]["registry"] = {
            "hive": place.key.hive,
            "path": place.key.path,
            "view": place.key.view,
            "value": str(layout.manifest_file(name)),
        }
    for entry in record["manifests"].values():  # this browser's, and the others' at this level again
        family = browser(entry["browser"]).family
        manifest = (json.dumps(host_manifest(family, layout.launcher_path, accepted), indent=2) + "\n").encode()
        entry.update(_write(layout, machine.path(entry["path"]), manifest, 0o644, record))
    _save_record(layout, record)
    return place


def _remove_file(layout: Layout, entry: dict, problems: list[str]) -> None:
    path = layout.machine.real(layout.machine.path(entry["path"]))
    try:
        if _sha256(path.read_bytes()) == entry["sha256"]:
            path.unlink()
        else:
            problems.append(f"{entry['path']} changed since install; left in place")
    except FileNotFoundError:
        pass


def _remove_key(layout: Layout, entry: dict, problems: list[str]) -> None:
    key = RegKey(entry["hive"], entry["path"], entry["view"])
    registry = layout.machine.windows_registry()
    value = registry.get(key)
    if value == entry["value"]:
        registry.delete(key)
    elif value is not None:
        problems.append(f"{key} now names {value}; left in place")


def _remove_empty_dirs(layout: Layout, folders: list[str]) -> list[str]:
    """Remove the folders install created, deepest first, where nothing lives in them now;
    returns those still in use."""
    kept = []
    for folder in sorted(folders, key=lambda f: len(layout.machine.path(f).parts), reverse=True):
        try:
            layout.machine.real(layout.machine.path(folder)).rmdir()
        except FileNotFoundError:
            pass
        except OSError:  # not empty: our remaining files, or someone else's
            kept.append(folder)
    return sorted(kept)


def uninstall(layout: Layout, browsers: list[str] | None = None) -> list[str]:
    """Remove what install wrote at the layout's level for these browsers (all if None); returns
    the problems found (files or keys changed since, left in place)."""
    record = _load_record(layout)
    problems: list[str] = []
    for key, entry in list(record["manifests"].items()):
        if browsers is None or entry["browser"] in browsers:
            if "registry" in entry:
                _remove_key(layout, entry["registry"], problems)
            _remove_file(layout, entry, problems)
            del record["manifests"][key]
    if not record["manifests"]:
        layout.machine.real(layout.record_path).unlink(missing_ok=True)
        if record["launcher"]:
            _remove_file(layout, record["launcher"], problems)
    kept = _remove_empty_dirs(layout, record["created_dirs"])
    if record["manifests"]:
        record["created_dirs"] = kept
        _save_record(layout, record)
    return problems


def installed(layout: Layout) -> dict[str, dict]:
    """The install record's manifests at this level: '<browser>:<place>' -> entry."""
    return _load_record(layout)["manifests"]
