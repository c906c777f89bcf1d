"""Which step of the link procedure a page is, from its browser-attested URL and a few DOM facts.

The knowledge is data (data/pages.json): the probes to evaluate on a page, and ordered rules that
name the page kind from the probes' counts. The extension evaluates the probes on the live page;
`htmlfacts` evaluates the same probes on saved HTML; both feed `classify`.
"""

from __future__ import annotations

import json
import re
from binascii import crc32
from dataclasses import dataclass
from functools import cache
from typing import Literal, get_args
from urllib.parse import urlsplit

from ecflink.courts import court_for, is_cso_login
from ecflink.paths import package_data

Kind = Literal[
    "court_home",
    "pacer_login",
    "redaction_notice",
    "mfa",
    "pacer_prompt",
    "ecf_unlinked",
    "utilities",
    "link_form",
    "link_verify",
    "link_done",
    "ecf_linked",
    "unknown",
]
Prompt = Literal["mfa_enrolment", "password_update", "account_disabled", "account_inactive", "account_not_activated"]
KINDS: tuple[Kind, ...] = get_args(Kind)
PROMPTS: tuple[Prompt, ...] = get_args(Prompt)
# What the extension needs of a probe; the rest (why) is documentation.
_PROBE_FIELDS = (
    "selector",
    "scan",
    "from",
    "limit",
    "max_elements",
    "at_end",
    "visible",
    "text",
    "not_text",
    "max_chars",
    "has",
    "value",
    "near",
    "target",
    "same_form_as",
    "extract",
    "only_if",
)

_CONDITION = re.compile(r"(>=|<=|==)(\d+)")


@dataclass(frozen=True, slots=True)
class Page:
    """What a page is: its kind, the rule that named it (None for unknown) and, for a PACER
    prompt, which prompt."""

    kind: Kind
    rule: str | None = None
    prompt: Prompt | None = None


UNKNOWN = Page("unknown")


@cache
def _source() -> str:
    return package_data("pages.json")


@cache
def table() -> dict:
    return json.loads(_source())


def site_of(url: str) -> str | None:
    """ "cso" for the PACER login, "ecf" for a district or bankruptcy court's CM/ECF, else None."""
    if is_cso_login(url):
        return "cso"
    court = court_for(url)
    return "ecf" if court and court.guided else None


@cache
def _probes(site: str) -> dict[str, dict]:
    return {
        name: {k: v for k, v in probe.items() if k in _PROBE_FIELDS} for name, probe in table()["probes"][site].items()
    }


def probes_for(url: str) -> dict[str, dict]:
    """The probes the extension should evaluate on this page (none for a page we never guide)."""
    site = site_of(url)
    return _probes(site) if site else {}


def watched(url: str) -> bool:
    """Whether the page changes without navigation (PACER's AJAX login): measured again on change."""
    return site_of(url) in table()["watch_sites"]


@cache
def _table_id(site: str) -> str:
    return f"{site}-{crc32(_source().encode()):08x}"


def table_id(url: str) -> str | None:
    """Which probe table a page is measured with: its site and a checksum of the page data its probes
    and watch come from, so the background may keep the table across hosts and a report measured
    with another is caught (any change to pages.json changes it: at worst a page measured twice)."""
    site = site_of(url)
    return _table_id(site) if site else None


def holds(condition: str, value: int | None) -> bool:
    """Whether a count meets a condition such as ">=1" or "==0"; a missing count meets none."""
    if value is None:
        return False
    matched = _CONDITION.fullmatch(condition)
    if matched is None:
        raise ValueError(f"not a condition: {condition!r}")  # pages.json is checked by tests/unit/test_pages.py
    op, number = matched.groups()
    return {">=": value >= int(number), "<=": value <= int(number), "==": value == int(number)}[op]


def _applies(rule: dict, site: str, url: str, facts: dict[str, int]) -> bool:
    path = urlsplit(url).path or "/"
    return (
        rule["site"] == site
        and ("path" not in rule or re.search(rule["path"], path)) is not None
        and all(holds(cond, facts.get(name)) for name, cond in rule.get("when", {}).items())
    )


def classify(url: str, facts: dict[str, int]) -> Page:
    """The page; `unknown` unless a rule matches with every fact it needs present."""
    site = site_of(url)
    if site is None:
        return UNKNOWN
    for rule in table()["pages"]:
        if _applies(rule, site, url, facts):
            return Page(rule["kind"], rule["id"], rule.get("prompt"))
    return UNKNOWN


def offers_snapshot(url: str, facts: dict[str, int]) -> bool:
    """Whether an unrecognised page is one the user may want to save for ecflink's developers
    (pages.json `snapshot_offer`)."""
    site = site_of(url)
    return site is not None and any(_applies(rule, site, url, facts) for rule in table()["snapshot_offer"])
