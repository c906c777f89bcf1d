"""Is the filer ready to link a court, and is their PACER account ready for PACER's sign-in? Each
point with what to do when it fails. For a court:

- the court runs NextGen CM/ECF (PACER's court list; if it does not, the old login still applies and
  nothing else is said);
- an individual, upgraded PACER username is known: not a legacy 6-character one ("If your username
  is 6 characters, you do not have an upgraded account", most courts' FAQs), not on a shared list;
- the court's CM/ECF login is stored, and free of & @ $ * ("Logins that contain special characters
  will be unable to link", pawd).

For the PACER account (`account`; what the user said once, and what ecflink saw):
- multifactor authentication is set up (PACER requires it for CM/ECF-level access since 2025);
- PACER's backup codes are saved offline (the way in when the phone is lost);
- the e-mail address on the account was checked (PACER e-mails the security code that starts MFA
  set-up there: its tips of 2025-08-28);
- the password's age against PACER's 180 days (announcement of 2025-06-27), from the day it last
  changed, as the user said it;
- the Skips ecflink saw chosen on PACER's notices for the user's own username (three in all).

No keyring call: the stored login is read from the credentials index.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ecflink.accounts import looks_legacy
from ecflink.courtdata import CourtInfo
from ecflink.courts import Court
from ecflink.credentials import unlinkable_characters
from ecflink.guide import texts
from ecflink.progress import ProgressStore
from ecflink.settings import Settings

PASSWORD_DAYS = 180  # PACER asks for a new password this often
PASSWORD_WARN_DAYS = 14  # said as a problem when this few days are left
SKIPS_ALLOWED = 3  # of each of PACER's notices, in all


@dataclass(frozen=True, slots=True)
class Point:
    """One point of the check: `ok` True (holds), False (what to do is in `text`) or None (unknown)."""

    id: str
    ok: bool | None
    outcome: str  # the guide's key for its words: ok, missing, unknown, and each point's own ways to fail
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
    return points


def account(known: Settings, skips: dict[str, int], today: date | None = None) -> list[Point]:
    """The PACER account's points: what the user said (MFA, backup codes, e-mail), the password's
    age from the day they said it changed, and the Skips seen for their own username (`skips`)."""
    words = texts()["readiness"]
    today = today or date.today()

    def point(name: str, ok: bool | None, outcome: str, **values: object) -> Point:
        return Point(name, ok, outcome, words[name][outcome].format(**values))

    points = [
        point("mfa", True, "ok") if known.mfa_ready else point("mfa", False, "missing"),
        point("backup_codes", True, "ok") if known.backup_codes_saved else point("backup_codes", False, "missing"),
        point("email", True, "ok") if known.email_checked else point("email", False, "missing"),
    ]
    changed = date.fromisoformat(known.password_changed_on) if known.password_changed_on else None
    age = (today - changed).days if changed and changed <= today else None
    if age is None:
        points.append(point("password_age", None, "unknown", days=PASSWORD_DAYS))
    else:
        left = PASSWORD_DAYS - age
        left_days = f"{left} day" if left == 1 else f"{left} days"
        outcome = "ok" if left > PASSWORD_WARN_DAYS else "due" if left > 0 else "over"
        values = {"left": left, "left_days": left_days, "age": age, "changed": changed, "days": PASSWORD_DAYS}
        points.append(point("password_age", outcome == "ok", outcome, **values))
    # PACER allows three Skips of each notice, on every computer: these are the ones seen here.
    mfa_skips, password_skips = skips.get("mfa_enrolment", 0), skips.get("password_update", 0)
    if mfa_skips and not known.mfa_ready:
        points.append(point("skips", False, "mfa" if mfa_skips < SKIPS_ALLOWED else "mfa_used", count=mfa_skips))
    if password_skips:
        used = "password" if password_skips < SKIPS_ALLOWED else "password_used"
        points.append(point("skips", False, used, count=password_skips))
    return points


def own_account(known: Settings, store: ProgressStore) -> list[Point]:
    """The PACER account's points, with the Skips `store` saw for the user's own username."""
    mine = (known.my_pacer_username or "").strip()
    return account(known, store.skips(mine) if mine else {})
