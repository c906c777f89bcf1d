"""Does a PACER account look shared? Reading the accounts the verify page lists, and comparing names.

Linking a shared firm PACER account locks out every other attorney of the firm, and a link cannot
be undone. False alarms are costly too, so an individual account whose name matches the CM/ECF
account holder passes silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# Words that mark a firm, an office or a shared/administrative account rather than a person.
_FIRM_WORDS = {
    "llp",
    "llc",
    "pc",
    "pllc",
    "pa",
    "lpa",
    "ltd",
    "inc",
    "law",
    "laws",
    "firm",
    "associates",
    "office",
    "offices",
    "admin",
    "administrator",
    "group",
    "partners",
    "legal",
    "attorneys",
    "lawyers",
    "paralegal",
    "paralegals",
    "staff",
    "dept",
    "department",
    "clerk",
    "shared",
    "company",
    "co",
}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "v", "esq", "esquire"}
# The patterns are compiled on first use (re keeps them), not while the host starts: only a verify
# page and the readiness check need them.
_ACCOUNT = r"^\s*(?P<first>[^()]+?)\s*(?:\((?P<second>[^()]+)\))?\s*$"
_DASHED = r"^([^()]+?)\s+[-–—|]\s+([^()]+)$"  # "jdoe - Jane Doe", read as "jdoe (Jane Doe)"
# "If your username is 6 characters, you do not have an upgraded account" (most courts' NextGen
# FAQs); PACER's legacy usernames were two letters and four digits. pages.json's legacy_username
# probe uses the same pattern (a test keeps them equal).
LEGACY_USERNAME = r"[A-Za-z]{2}[0-9]{4}"
_NEXT_LABEL = r"(?i)\b(?:cm ?/ ?ecf|pacer) (?:account|login|user ?name|user ?id|user)\b"


@dataclass(frozen=True, slots=True)
class Account:
    """One account as the verify page lists it: a username or login and the holder's name."""

    user: str
    name: str


def parse_listed(text: str) -> Account | None:
    """What follows a verify page's label: 'jdoe2024 (Jane Doe)' -> Account('jdoe2024', 'Jane Doe').
    Either part may come first; the one with a space in it is the name. Text running on into the
    next label is cut off. None if nothing is listed."""
    value = re.split(_NEXT_LABEL, text, maxsplit=1)[0].strip(" :")
    parts = re.match(_ACCOUNT, re.sub(_DASHED, r"\1 (\2)", value)) if value else None
    if not parts:
        return None
    first, second = parts.group("first").strip(), (parts.group("second") or "").strip()
    if not second:
        return Account(first, first) if " " in first else Account(first, "")
    return Account(second, first) if " " in first and " " not in second else Account(first, second)


def verify_accounts(listed: dict[str, str]) -> tuple[Account | None, Account | None]:
    """The PACER and CM/ECF accounts the verify page lists, from the texts its extract probes read."""
    return parse_listed(listed.get("verify_pacer_account", "")), parse_listed(listed.get("verify_cmecf_account", ""))


def _words(name: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    plain = plain.replace("&", " & ").replace(".", "").replace("'", "")
    return [w.strip("-") for w in re.split(r"[^a-z0-9&-]+", plain) if w.strip("-")]  # keeps Office-Smith whole


def looks_legacy(username: str) -> bool:
    """A legacy 6-character PACER username, which NextGen courts do not accept."""
    return re.fullmatch(LEGACY_USERNAME, username.strip()) is not None


def looks_like_firm(name: str) -> bool:
    """A name with a firm or office word (LLP, P.C., Law, Firm, &, Associates, Office, Admin...)."""
    return any(w == "&" or w in _FIRM_WORDS for w in _words(name))


def person_key(name: str) -> tuple[str, str] | None:
    """(first, last) of a person's name, ignoring case, punctuation, middle names or initials and
    suffixes; 'Doe, Jane Q.' and 'JANE DOE JR.' give the same key."""
    if "," in name:
        last, _, rest = name.partition(",")
        name = f"{rest} {last}"
    words = [w for w in _words(name) if w not in _SUFFIXES and w != "&"]
    return (words[0], words[-1]) if len(words) >= 2 else None


def same_person(a: str, b: str) -> bool:
    key_a, key_b = person_key(a), person_key(b)
    return key_a is not None and key_a == key_b


def shared_account_signals(pacer: Account | None, cmecf: Account | None) -> list[str]:
    """The signals that the PACER account on a verify page is not the filer's own individual one."""
    if pacer is None or not pacer.name:
        return []
    signals = []
    if looks_like_firm(pacer.name):
        signals.append("firm_like_name")
    elif cmecf is not None and cmecf.name and not same_person(pacer.name, cmecf.name):
        signals.append("name_mismatch")
    return signals


@dataclass(frozen=True, slots=True)
class KnownAccounts:
    """What the user and the firm have said about PACER usernames, and the links made in this profile."""

    my_username: str | None = None
    shared: tuple[str, ...] = ()
    firm_shared: tuple[str, ...] = ()  # from the firm's browser policy
    links: tuple["OtherLink", ...] = ()

    def signals(self, username: str) -> list[str]:
        """`login_signals` for a PACER username in use, against what is known here."""
        return login_signals(username, self.my_username, list(self.shared), list(self.firm_shared))


@dataclass(frozen=True, slots=True)
class OtherLink:
    """A link recorded in this profile: at `court_name`, PACER `pacer_username` for `cmecf_holder`'s CM/ECF account."""

    court_name: str
    pacer_username: str
    cmecf_holder: str


def linked_for_someone_else(pacer: Account, cmecf: Account | None, links: tuple[OtherLink, ...]) -> OtherLink | None:
    """A link of this PACER username, recorded in this profile, for a CM/ECF account of another person."""
    if cmecf is None or not cmecf.name or not pacer.user:
        return None
    for link in links:
        if link.pacer_username.casefold() == pacer.user.casefold() and not same_person(link.cmecf_holder, cmecf.name):
            return link
    return None


def login_signals(
    username: str, my_username: str | None, shared: Sequence[str], firm_shared: Sequence[str] = ()
) -> list[str]:
    """Signals about a PACER username in use: on the firm's list of shared accounts (browser policy),
    on the user's own list of them, or not the user's own individual username."""
    name = username.strip().casefold()
    if not name:
        return []
    if name in {s.strip().casefold() for s in firm_shared}:
        return ["firm_listed_username"]
    if name in {s.strip().casefold() for s in shared}:
        return ["listed_shared_username"]
    if my_username and name != my_username.strip().casefold():
        return ["not_my_username"]
    return []
