"""The user's own settings: their individual PACER username, PACER usernames they know are shared
firm accounts, and what they said of their PACER account (multifactor authentication set up, backup
codes saved, the e-mail address on file checked, the day the password last changed); beside them,
the shared usernames the firm sets by browser policy (managed storage), which only the extension's
policy message changes. Kept in the data folder (`settings.json`); no secrets."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ecflink.accounts import KnownAccounts, OtherLink
from ecflink.paths import in_data_dir, write_private


@dataclass(slots=True)
class Settings:
    my_pacer_username: str | None = None
    shared_usernames: list[str] = field(default_factory=list)
    firm_shared_usernames: list[str] = field(default_factory=list)  # from the firm's browser policy
    mfa_ready: bool = False  # the user said PACER's multifactor authentication is set up
    backup_codes_saved: bool = False  # the user said PACER's backup codes are saved offline
    email_checked: bool = False  # the user said the e-mail address on the PACER account reaches them
    password_changed_on: str | None = None  # the day (YYYY-MM-DD) the PACER password last changed, as said

    def known_accounts(self, links: tuple[OtherLink, ...] = ()) -> KnownAccounts:
        """These settings as the shared-account checks take them, with the links made in this profile."""
        return KnownAccounts(
            self.my_pacer_username, tuple(self.shared_usernames), tuple(self.firm_shared_usernames), links
        )


def _path() -> Path:
    return in_data_dir("settings.json")


def _names(names: list[str]) -> list[str]:
    return sorted({n.strip() for n in names if n.strip()}, key=str.casefold)


def load() -> Settings:
    try:
        with _path().open(encoding="utf-8") as file:
            stored = json.load(file)
    except FileNotFoundError:
        return Settings()
    return Settings(
        stored.get("my_pacer_username"),
        list(stored.get("shared_usernames", [])),
        list(stored.get("firm_shared_usernames", [])),
        stored.get("mfa_ready") is True,
        stored.get("backup_codes_saved") is True,
        stored.get("email_checked") is True,
        _day(stored.get("password_changed_on")),
    )


def _day(value: object) -> str | None:
    """A YYYY-MM-DD day as kept, or None for anything else (a file edited by hand)."""
    try:
        return date.fromisoformat(value).isoformat() if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def said_day(text: str) -> str:
    """A day the user says their password changed, as kept (YYYY-MM-DD): `today`, or a YYYY-MM-DD day
    that exists and is not still to come; ValueError with the reason otherwise (never the text)."""
    if text == "today":
        return date.today().isoformat()
    try:
        day = date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise ValueError("not a calendar day")
    if day > date.today():
        raise ValueError("a day still to come")
    return day.isoformat()


def save(settings: Settings) -> None:
    content = json.dumps(
        {
            "my_pacer_username": settings.my_pacer_username,
            "shared_usernames": _names(settings.shared_usernames),
            "firm_shared_usernames": _names(settings.firm_shared_usernames),
            "mfa_ready": settings.mfa_ready,
            "backup_codes_saved": settings.backup_codes_saved,
            "email_checked": settings.email_checked,
            "password_changed_on": settings.password_changed_on,
        },
        indent=2,
    )
    write_private(_path(), content)


def save_own(my_pacer_username: str | None, shared_usernames: list[str], **account: bool | str | None) -> Settings:
    """The user's own choices; of what they said of their PACER account (`mfa_ready`,
    `backup_codes_saved`, `email_checked`, `password_changed_on`), those given and not None. The
    firm's list is kept as it is."""
    known = load()
    known.my_pacer_username, known.shared_usernames = my_pacer_username, shared_usernames
    for name, value in account.items():
        if name not in ACCOUNT_FIELDS:
            raise TypeError(name)
        if value is not None:
            setattr(known, name, _day(value) if name == "password_changed_on" else value)
    save(known)
    return load()


ACCOUNT_FIELDS = ("mfa_ready", "backup_codes_saved", "email_checked", "password_changed_on")


def save_firm(firm_shared_usernames: list[str]) -> Settings:
    """The firm's list as the browser policy delivers it now (empty when the policy is gone)."""
    known = load()
    if _names(known.firm_shared_usernames) != _names(firm_shared_usernames):
        known.firm_shared_usernames = firm_shared_usernames
        save(known)
    return load()
