"""Each court's linking progress, in SQLite in the data folder (WAL, versioned schema), and what
ecflink saw of each PACER account's sign-in prompts here (the Skips chosen).

Holds court ids, states, page kinds seen, PACER usernames, counts and timestamps; never a password,
code, URL or page content.
Several host processes (one per browser port) may share it.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from ecflink.troubleshoot import Fix

SCHEMA_VERSION = 5
# The order matters: progress only moves forward.
STATES = ("in_progress", "link_confirmed", "linked")
LINK_STATES = ("link_confirmed", "linked")  # the court confirmed the link
_STATE_OF_KIND = {
    "pacer_login": "in_progress",
    "redaction_notice": "in_progress",
    "mfa": "in_progress",
    "pacer_prompt": "in_progress",
    "ecf_unlinked": "in_progress",
    "utilities": "in_progress",
    "link_form": "in_progress",
    "link_verify": "in_progress",
    "link_done": "link_confirmed",
    "ecf_linked": "linked",
    "user_says_linked": "link_confirmed",  # the user says the court confirmed a link (made before ecflink)
}

_SCHEMA = """
CREATE TABLE courts (
    court_id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    pacer_username TEXT,
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    linked_at TEXT,
    cmecf_holder TEXT
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    court_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX events_by_court ON events (court_id, id);
CREATE TABLE fixes (
    id INTEGER PRIMARY KEY,
    court_id TEXT NOT NULL,
    step TEXT NOT NULL,
    outcome TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX fixes_by_court ON fixes (court_id, id);
CREATE TABLE visits (
    court_id TEXT PRIMARY KEY,
    first_at TEXT NOT NULL,
    last_at TEXT NOT NULL
);
CREATE TABLE chosen (
    court_id TEXT PRIMARY KEY,
    choice TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE skips (
    pacer_username TEXT NOT NULL,
    prompt TEXT NOT NULL,
    count INTEGER NOT NULL,
    last_at TEXT NOT NULL,
    PRIMARY KEY (pacer_username, prompt)
);
"""
# From each version to the next.
_UPGRADES = {
    1: "ALTER TABLE courts ADD COLUMN cmecf_holder TEXT",
    2: "CREATE TABLE fixes (id INTEGER PRIMARY KEY, court_id TEXT NOT NULL, step TEXT NOT NULL, "
    "outcome TEXT NOT NULL, at TEXT NOT NULL); CREATE INDEX fixes_by_court ON fixes (court_id, id)",
    3: "CREATE TABLE visits (court_id TEXT PRIMARY KEY, first_at TEXT NOT NULL, last_at TEXT NOT NULL); "
    "CREATE TABLE chosen (court_id TEXT PRIMARY KEY, choice TEXT NOT NULL, at TEXT NOT NULL)",
    4: "CREATE TABLE skips (pacer_username TEXT NOT NULL, prompt TEXT NOT NULL, count INTEGER NOT NULL, "
    "last_at TEXT NOT NULL, PRIMARY KEY (pacer_username, prompt))",
}
CHOICES = ("added", "removed")  # the user added a court to their courts, or took it off
# PACER's sign-in prompts whose Skip ecflink counts: the MFA enrolment notice, the password update.
SKIPPABLE = ("mfa_enrolment", "password_update")


_COLUMNS = "court_id, state, pacer_username, started_at, updated_at, linked_at, cmecf_holder"


@dataclass(frozen=True, slots=True)
class CourtProgress:
    court_id: str
    state: str
    pacer_username: str | None
    started_at: str
    updated_at: str
    linked_at: str | None
    cmecf_holder: str | None = None  # the CM/ECF account holder's name, as the verify page listed it


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class _Transaction:
    """A write transaction, taking the write lock at once (other hosts wait up to the busy timeout);
    rolled back if its block or its commit fails. A class rather than contextlib.contextmanager,
    whose import would be on the host's way to its hint."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is not None:
            self._db.execute("ROLLBACK")
            return
        try:
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise


class ProgressStore:
    def __init__(self, path: str | os.PathLike[str]) -> None:
        Path(path).absolute().parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=30, isolation_level=None)
        self._db.execute("PRAGMA busy_timeout = 30000")
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = FULL")
        self._migrate()

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    def _migrate(self) -> None:
        # A store already at this schema is left alone: no write lock and no synchronous commit at
        # every start. Else the version is read again under the write lock (another host may have
        # migrated it meanwhile).
        if self._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
            return
        with self._transaction():
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version == SCHEMA_VERSION:
                return
            if version > SCHEMA_VERSION:
                raise RuntimeError(f"progress store has schema {version}; this ecflink knows {SCHEMA_VERSION}")
            if version == 0:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
            else:
                for step in range(version, SCHEMA_VERSION):
                    for statement in _UPGRADES[step].split(";"):
                        self._db.execute(statement)
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        self._db.close()

    def record(self, court_id: str, kind: str) -> CourtProgress | None:
        """Note that a page of this kind was seen for this court (see `record_page`); returns the
        court's progress."""
        return self.record_page(court_id, kind)[1]

    def record_page(self, court_id: str, kind: str) -> tuple[CourtProgress | None, CourtProgress | None]:
        """Note that a page of this kind was seen for this court (a visit, and a step for the
        linking kinds, but for the filing pages of a court already linked); returns the court's
        progress before the page and after it."""
        state = _STATE_OF_KIND.get(kind)
        now = _now()
        with self._transaction():
            # The day a court was last seen: written once a day, so an ordinary page writes nothing
            # (each write is a synchronous one, about 3 ms of a page's hint beside a busy browser).
            self._db.execute(
                "INSERT INTO visits (court_id, first_at, last_at) VALUES (?, ?, ?) "
                "ON CONFLICT (court_id) DO UPDATE SET last_at = excluded.last_at "
                "WHERE substr(visits.last_at, 1, 10) < substr(excluded.last_at, 1, 10)",
                (court_id, now, now),
            )
            before = self.get(court_id)
            if state is None or (before is not None and before.state == "linked" and kind == "ecf_linked"):
                return before, before  # not a step; or another filing page of a linked court
            self._db.execute("INSERT INTO events (court_id, kind, at) VALUES (?, ?, ?)", (court_id, kind, now))
            if before is None:
                self._db.execute(
                    "INSERT INTO courts (court_id, state, started_at, updated_at, linked_at) VALUES (?, ?, ?, ?, ?)",
                    (court_id, state, now, now, now if state == "linked" else None),
                )
            elif STATES.index(state) > STATES.index(before.state):
                self._db.execute(
                    "UPDATE courts SET state = ?, updated_at = ?, linked_at = COALESCE(linked_at, ?) "
                    "WHERE court_id = ?",
                    (state, now, now if state == "linked" else None, court_id),
                )
            else:
                return before, before  # a step again, or one behind: the court's progress stands
        return before, self.get(court_id)

    def note_pacer_username(self, court_id: str, username: str) -> None:
        """The PACER username logged in with for this court (never a password)."""
        self._db.execute(
            "UPDATE courts SET pacer_username = ?, updated_at = ? WHERE court_id = ?", (username, _now(), court_id)
        )

    def note_link_accounts(self, court_id: str, pacer_username: str, cmecf_holder: str) -> None:
        """The two accounts the court's verify page listed: the PACER username and the CM/ECF holder's name."""
        self._db.execute(
            "UPDATE courts SET pacer_username = ?, cmecf_holder = ?, updated_at = ? WHERE court_id = ?",
            (pacer_username, cmecf_holder, _now(), court_id),
        )

    def note_skip(self, pacer_username: str, prompt: str) -> int:
        """The user chose Skip on PACER's `prompt` (SKIPPABLE) for this username; the count seen here."""
        if prompt not in SKIPPABLE:
            raise ValueError(prompt)
        key = pacer_username.casefold()
        with self._transaction():
            self._db.execute(
                "INSERT INTO skips (pacer_username, prompt, count, last_at) VALUES (?, ?, 1, ?) "
                "ON CONFLICT (pacer_username, prompt) DO UPDATE SET count = count + 1, last_at = excluded.last_at",
                (key, prompt, _now()),
            )
            return self.skips(pacer_username).get(prompt, 0)

    def forget_skips(self, pacer_username: str, prompt: str) -> None:
        """A new cycle of PACER's `prompt` for this username (its password changed): the Skips seen
        before it no longer count. Other usernames' counts stay."""
        self._db.execute(
            "DELETE FROM skips WHERE pacer_username = ? AND prompt = ?", (pacer_username.casefold(), prompt)
        )

    def skips(self, pacer_username: str) -> dict[str, int]:
        """{prompt: Skips seen here} for a PACER username, compared without case (as ecflink's other
        username checks are)."""
        rows = self._db.execute(
            "SELECT prompt, count FROM skips WHERE pacer_username = ?", (pacer_username.casefold(),)
        )
        return dict(rows.fetchall())

    def all_skips(self) -> dict[str, dict[str, int | str]]:
        """{PACER username: {prompt: count, ..., "last_at": when}} for every username with a Skip seen."""
        found: dict[str, dict[str, int | str]] = {}
        for username, prompt, count, at in self._db.execute(
            "SELECT pacer_username, prompt, count, last_at FROM skips ORDER BY pacer_username, prompt"
        ):
            entry = found.setdefault(username, {})
            entry[prompt] = count
            entry["last_at"] = max(str(entry.get("last_at", "")), at)
        return found

    def fixes(self, court_id: str) -> list[Fix]:
        """The troubleshooting steps offered and their outcomes for a court, oldest first."""
        rows = self._db.execute("SELECT step, outcome FROM fixes WHERE court_id = ? ORDER BY id", (court_id,))
        return [Fix(step, outcome) for step, outcome in rows.fetchall()]

    def add_fixes(self, court_id: str, fixes: list[Fix]) -> None:
        now = _now()
        with self._transaction():
            self._db.executemany(
                "INSERT INTO fixes (court_id, step, outcome, at) VALUES (?, ?, ?, ?)",
                [(court_id, f.step, f.outcome, now) for f in fixes],
            )

    def choose(self, court_id: str, choice: str) -> None:
        """The user added this court to their courts, or took it off (CHOICES)."""
        if choice not in CHOICES:
            raise ValueError(choice)
        self._db.execute(
            "INSERT INTO chosen (court_id, choice, at) VALUES (?, ?, ?) "
            "ON CONFLICT (court_id) DO UPDATE SET choice = excluded.choice, at = excluded.at",
            (court_id, choice, _now()),
        )

    def choices(self) -> dict[str, tuple[str, str]]:
        """{court id: (choice, when)} for every court the user added or took off."""
        rows = self._db.execute("SELECT court_id, choice, at FROM chosen").fetchall()
        return {court: (choice, at) for court, choice, at in rows}

    def visits(self) -> dict[str, str]:
        """{court id: when last seen (to the day)} for every court whose pages ecflink has recognised."""
        return dict(self._db.execute("SELECT court_id, last_at FROM visits").fetchall())

    def get(self, court_id: str) -> CourtProgress | None:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM courts WHERE court_id = ?", (court_id,)).fetchone()
        return CourtProgress(*row) if row else None

    def all(self) -> list[CourtProgress]:
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM courts ORDER BY court_id").fetchall()
        return [CourtProgress(*row) for row in rows]

    def events(self, court_id: str) -> list[str]:
        """The page kinds recorded for a court, oldest first."""
        rows = self._db.execute("SELECT kind FROM events WHERE court_id = ? ORDER BY id", (court_id,)).fetchall()
        return [kind for (kind,) in rows]
