"""The user's own settings: their individual PACER username and PACER usernames they know are shared
firm accounts. Kept in the data folder (`settings.json`); no secrets."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ecflink.paths import data_dir


@dataclass
class Settings:
    my_pacer_username: str | None = None
    shared_usernames: list[str] = field(default_factory=list)


def _path() -> Path:
    return data_dir() / "settings.json"


def load() -> Settings:
    try:
        stored = json.loads(_path().read_text("utf-8"))
    except FileNotFoundError:
        return Settings()
    return Settings(stored.get("my_pacer_username"), list(stored.get("shared_usernames", [])))


def save(settings: Settings) -> None:
    path = _path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps({"my_pacer_username": settings.my_pacer_username,
                               "shared_usernames": sorted(set(settings.shared_usernames), key=str.casefold)},
                              indent=2), "utf-8")
    os.replace(tmp, path)
