"""Your courts: the courts that matter to this filer, each with its state, NextGen status, next
action and help desk; and the same as rows for `ecflink courts`, `ecflink status` and the export.

A court is yours when a CM/ECF login is stored for it, when ecflink has recognised one of its pages,
or when you added it by hand. Taking a court off your list hides a visited court until its linking
moves on again; a court with a stored login stays (delete the login to drop it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ecflink.courtdata import CourtInfo, CourtList
from ecflink.courts import Court, all_courts, system_of
from ecflink.credentials import CredentialError, CredentialStore, unlinkable_characters
from ecflink.guide import texts
from ecflink.progress import LINK_STATES, CourtProgress, ProgressStore
from ecflink.readiness import help_desk_words

State = Literal["not_started", "in_progress", "linked", "needs_attention"]
Reason = Literal["login", "visited", "added"]  # why a court is yours


@dataclass(frozen=True, slots=True)
class CourtEntry:
    """One court as the filer's lists show it."""

    court: Court
    info: CourtInfo | None  # PACER's court list, when it names this court
    state: State
    reasons: tuple[Reason, ...]  # empty when the court is not yours
    progress: CourtProgress | None
    login: str | None  # the stored CM/ECF login's name (never the password)
    next_action: str

    @property
    def yours(self) -> bool:
        return bool(self.reasons)


def _state_and_next(
    court: Court, info: CourtInfo | None, record: CourtProgress | None, stuck: bool, login: str | None
) -> tuple[State, str]:
    """The court's state and the next action's words."""
    words = texts()["courts"]["next"]
    values = {
        "court_name": court.name,
        "linked_on": (record.linked_at or record.updated_at)[:10] if record else "",
        "help_desk": help_desk_words(info),
    }
    if record and record.state in LINK_STATES:
        if stuck:
            return "needs_attention", words["stuck"].format(**values)
        return "linked", words[record.state].format(**values)
    if login is not None and unlinkable_characters(login):
        return "needs_attention", words["unlinkable_login"].format(**values)
    state: State = "in_progress" if record else "not_started"
    if info is not None and info.nextgen is False:
        return state, words["not_nextgen"].format(**values)
    return state, words[state].format(**values)


def entries(
    store: ProgressStore, logins: dict[str, str], data: CourtList, guided_only: bool = True
) -> list[CourtEntry]:
    """Every court (every guided one, with `guided_only`), yours first, each group by name."""
    records = {p.court_id: p for p in store.all()}
    visits, choices = store.visits(), store.choices()
    found = []
    for court in all_courts().values():
        if guided_only and not court.guided:
            continue
        record = records.get(court.id)
        choice, chosen_at = choices.get(court.id, (None, ""))
        seen = record is not None or court.id in visits
        if choice == "removed" and record is not None:
            seen = record.updated_at > chosen_at  # hidden until its linking moves on again
        elif choice == "removed":
            seen = False
        why: tuple[tuple[Reason, bool], ...] = (
            ("login", court.id in logins),
            ("visited", seen),
            ("added", choice == "added"),
        )
        reasons = tuple(reason for reason, holds in why if holds)
        info = data.courts.get(court.pacer_code)
        stuck = bool(store.fixes(court.id)) if record and record.state == "link_confirmed" else False
        state, next_action = _state_and_next(court, info, record, stuck, logins.get(court.id))
        found.append(CourtEntry(court, info, state, reasons, record, logins.get(court.id), next_action))
    return sorted(found, key=lambda e: (not e.yours, e.court.name))


def court_facts(court: Court, info: CourtInfo | None, data: CourtList) -> dict:
    """A court as `ecflink courts show --json` prints it (docs/court-data.md)."""
    system = system_of(court)
    return {
        "id": court.id,
        "name": court.name,
        "type": court.type,
        "guided": court.guided,
        "ecf_host": court.ecf_host,
        "pacer_code": court.pacer_code,
        "nextgen": info.nextgen if info else None,
        "release": info.release if info else None,
        "software_version": info.software_version if info else None,
        "go_live": info.go_live if info else None,
        "go_live_text": info.go_live_date if info else None,
        "help_desk": list(info.help_desk) if info else [],
        "info_url": info.web_url if info else None,
        "login_url": info.login_url if info else None,
        "system": system.name,
        "system_since": system.since,
        "system_note": system.note,
        "system_label": system.label,
        "data_date": data.date,
    }


EXPORT_FIELDS = (
    "id",
    "name",
    "type",
    "state",
    "nextgen",
    "release",
    "pacer_username",
    "login_stored",
    "started_at",
    "updated_at",
    "linked_at",
    "yours_because",
    "next_action",
    "help_desk",
    "data_date",
)


def export_row(entry: CourtEntry, data: CourtList) -> dict:
    """One court of `ecflink status --json/--csv` (EXPORT_FIELDS; no password, no CM/ECF login name)."""
    record = entry.progress
    return {
        "id": entry.court.id,
        "name": entry.court.name,
        "type": entry.court.type,
        "state": entry.state,
        "nextgen": entry.info.nextgen if entry.info else None,
        "release": entry.info.release if entry.info else None,
        "pacer_username": record.pacer_username if record else None,
        "login_stored": entry.login is not None,
        "started_at": record.started_at if record else None,
        "updated_at": record.updated_at if record else None,
        "linked_at": record.linked_at if record else None,
        "yours_because": list(entry.reasons),
        "next_action": entry.next_action,
        "help_desk": list(entry.info.help_desk) if entry.info else [],
        "data_date": data.date,
    }


def stored_logins(store: CredentialStore) -> tuple[dict[str, str], str | None]:
    """{court id: CM/ECF login name} from the credentials index (no keyring call), and the index's
    problem in words when it is damaged (then no login is counted)."""
    try:
        return {entry["court"]: entry["login"] for entry in store.list()}, None
    except CredentialError as exc:
        return {}, exc.message
