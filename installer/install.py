"""`ecflink install` / `uninstall`: write the launcher and host manifests, and remove exactly those.

Everything written is listed, with its SHA-256, in `<data dir>/install-record.json`, together with
each folder install had to create. Uninstall removes a file only while it still holds what install
wrote, and a folder only if install created it and it is empty.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

from ecflink.identity import HOST_NAME
from ecflink.installer.locations import manifest_dir
from ecflink.installer.manifests import host_manifest

RECORD_NAME = "install-record.json"
LAUNCHER_NAME = "ecflink-host"


@dataclass(frozen=True)
class Layout:
    """The roots an install writes under: the user's home, ecflink's data folder, the Python to run."""

    home: Path
    data_dir: Path
    python: str = sys.executable

    @property
    def record_path(self) -> Path:
        return self.data_dir / RECORD_NAME

    @property
    def launcher_path(self) -> Path:
        return self.data_dir / "host" / LAUNCHER_NAME


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def launcher_script(python: str) -> str:
    """A POSIX launcher; `-P` keeps the browser's working folder off `sys.path`."""
    return (
        "#!/bin/sh\n"
        "# Written by `ecflink install`: starts the ecflink native-messaging host.\n"
        f"exec {shlex.quote(python)} -P -m ecflink.host \"$@\"\n"
    )


def _missing_dirs(folder: Path) -> list[str]:
    """The folders that creating `folder` would create."""
    missing = []
    while not folder.exists():
        missing.append(str(folder))
        folder = folder.parent
    return missing


def _write(path: Path, data: bytes, mode: int, record: dict) -> dict:
    """Write atomically, noting in `record` any folder made for it; returns the file's entry."""
    record["created_dirs"] = sorted(set(record["created_dirs"]) | set(_missing_dirs(path.parent)))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.chmod(mode)
    os.replace(tmp, path)
    return {"path": str(path), "sha256": _sha256(data)}


def _load_record(layout: Layout) -> dict:
    try:
        return json.loads(layout.record_path.read_text("utf-8"))
    except FileNotFoundError:
        return {"version": 1, "launcher": None, "manifests": {}, "created_dirs": []}


def _save_record(layout: Layout, record: dict) -> None:
    """Saved after the launcher, so the data folder it lives in is already noted as created."""
    _write(layout.record_path, (json.dumps(record, indent=2) + "\n").encode(), 0o644, record)


def install(browser: str, layout: Layout, user_data_dir: Path | None = None) -> Path:
    """Register the host for one browser; returns the manifest path written."""
    target = manifest_dir(browser, home=layout.home, user_data_dir=user_data_dir) / f"{HOST_NAME}.json"
    record = _load_record(layout)
    record["launcher"] = _write(layout.launcher_path, launcher_script(layout.python).encode(), 0o755, record)
    manifest = (json.dumps(host_manifest(browser, layout.launcher_path), indent=2) + "\n").encode()
    record["manifests"][f"{browser}:{target}"] = {"browser": browser, **_write(target, manifest, 0o644, record)}
    _save_record(layout, record)
    return target


def _remove_file(entry: dict, problems: list[str]) -> None:
    path = Path(entry["path"])
    try:
        if _sha256(path.read_bytes()) == entry["sha256"]:
            path.unlink()
        else:
            problems.append(f"{path} changed since install; left in place")
    except FileNotFoundError:
        pass


def _remove_empty_dirs(folders: list[str]) -> list[str]:
    """Remove the folders install created, deepest first, where nothing lives in them now;
    returns those still in use."""
    kept = []
    for folder in sorted(folders, key=lambda f: len(Path(f).parts), reverse=True):
        try:
            Path(folder).rmdir()
        except FileNotFoundError:
            pass
        except OSError:  # not empty: our remaining files, or someone else's
            kept.append(folder)
    return sorted(kept)


def uninstall(layout: Layout, browsers: list[str] | None = None) -> list[str]:
    """Remove what install wrote for these browsers (all if None); returns problems found."""
    record = _load_record(layout)
    problems: list[str] = []
    for key, entry in list(record["manifests"].items()):
        if browsers is None or entry["browser"] in browsers:
            _remove_file(entry, problems)
            del record["manifests"][key]
    if not record["manifests"]:
        layout.record_path.unlink(missing_ok=True)
        if record["launcher"]:
            _remove_file(record["launcher"], problems)
    kept = _remove_empty_dirs(record["created_dirs"])
    if record["manifests"]:
        record["created_dirs"] = kept
        _save_record(layout, record)
    return problems
