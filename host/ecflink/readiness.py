"""Is the filer ready to link a court? Four points, each with what to do when it fails:

- the court runs NextGen CM/ECF (PACER's court list; if it does not, the old login still applies and
  nothing else is said);
- an individual, upgraded PACER username is known: not a legacy 6-character one ("If your username
  is 6 characters, you do not have an upgraded account", most courts' FAQs), not on a shared list;
- the court's CM/ECF login is stored, and free of & @ $ * ("Logins that contain special characters
  will be unable to link", pawd);
- multifactor authentication is set up on PACER (the user says so once; PACER requires it for
  CM/ECF-level access since 2025).

No keyring call: the stored login is read from the credentials index.
"""

from __future__ import annotations

from dataclasses import dataclass

from ecflink.accounts import looks_legacy
from ecflink.courtdata import CourtInfo
from ecflink.courts import Court
from ecflink.credentials import unlinkable_characters
from ecflink.guide import texts
from ecflink.settings import Settings

POINTS = ("nextgen", "pacer_username", "cmecf_login", "mfa")


@dataclass(frozen=True, slots=True)
class Point:
    """One point of the check: `ok` True (holds), False (what to do is in `text`) or None (unknown)."""

    id: str
    ok: bool | None
    outcome: str  # the guide's key: ok, missing, legacy, shared, characters, not_nextgen, unknown
    text: str


def help_desk_words(info: CourtInfo | None) -> str:
    """' (555-123-4567)' after "help desk" in a sentence: PACER's first phone, or '' when it lists none."""
    return f" ({info.help_desk[0]})" if info and info.help_desk else ""


def check(
    court: Court, info: CourtInfo | None, data_date: str, known: Settings, stored_login: str | None
) -> list[Point]:
    """The readiness points for linking `court`; only the NextGen point when it does not run NextGen."""
    words = texts()["readiness"]
    values = {
        "court_name": court.name,
        "court_id": court.id,
        "date": data_date,
        "release": (info.release if info else None) or "unknown",
        "version": (info.software_version if info else None) or "",
        "info_url": f": {info.web_url}" if info and info.web_url else "",
        "username": known.my_pacer_username or "",
        "characters": " ".join(unlinkable_characters(stored_login or "")),
        "help_desk": help_desk_words(info),
    }

    def point(name: str, ok: bool | None, outcome: str) -> Point:
        return Point(name, ok, outcome, words[name][outcome].format(**values))

    nextgen = info.nextgen if info else None
    if nextgen is False:
        return [point("nextgen", False, "not_nextgen")]
    points = [point("nextgen", True, "ok") if nextgen else point("nextgen", None, "unknown")]
    mine = (known.my_pacer_username or "").strip()
    shared = {n.casefold() for n in [*known.shared_usernames, *known.firm_shared_usernames]}
    if not mine:
        points.append(point("pacer_username", False, "missing"))
    elif looks_legacy(mine):
        points.append(point("pacer_username", False, "legacy"))
    elif mine.casefold() in shared:
        points.append(point("pacer_username", False, "shared"))
    else:
        points.append(point("pacer_username", True, "ok"))
    if stored_login is None:
        points.append(point("cmecf_login", False, "missing"))
    elif values["characters"]:
        points.append(point("cmecf_login", False, "characters"))
    else:
        points.append(point("cmecf_login", True, "ok"))
    points.append(point("mfa", True, "ok") if known.mfa_ready else point("mfa", False, "missing"))
    return points
