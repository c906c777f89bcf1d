"""What to tell the user on a page: the next step of the link procedure, from the page kind, the
court's recorded progress and what this tab showed before. The words live in data/guide.json."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from ecflink.accounts import login_signals, parse_listed, shared_account_signals
from ecflink.courts import Court
from ecflink.pages import holds

FILING_MENUS = {"district": "Civil and Criminal", "bankruptcy": "Bankruptcy and Adversary"}


@cache
def texts() -> dict:
    """The guide's words (data/guide.json)."""
    return json.loads(resources.files("ecflink").joinpath("data/guide.json").read_text("utf-8"))



@dataclass(frozen=True)
class Advice:
    text: str | None
    target: str | None = None
    tone: str = "step"
    warnings: list[dict] = field(default_factory=list)
    hold: str | None = None


def warnings_for(facts: dict[str, int]) -> list[dict]:
    """A warning for each warning fact that fired, with its code and what it means."""
    return [{"code": code, "message": message} for code, message in texts()["warnings"].items() if facts.get(code)]


def shared_account_warning(listed: dict[str, str]) -> dict | None:
    """On the verify page: a warning if the PACER account it lists looks shared, else None.
    `listed` holds the texts the extract probes read from the page."""
    pacer = parse_listed(listed.get("verify_pacer_account", ""), "pacer account")
    cmecf = parse_listed(listed.get("verify_cmecf_account", ""), "cm/ecf account")
    signals = shared_account_signals(pacer, cmecf)
    if not signals:
        return None
    message = texts()["shared_account"][signals[0]].format(pacer_name=pacer.name, cmecf_name=cmecf.name if cmecf else "")
    return {"code": "shared_account", "signal": signals[0], "message": message}


def login_warning(listed: dict[str, str], my_username: str | None, shared: list[str]) -> dict | None:
    """On PACER's login: a warning if the username being used is a listed shared one or not the user's own."""
    username = listed.get("login_username", "")
    signals = login_signals(username, my_username, shared)
    if not signals:
        return None
    message = texts()["shared_account"][signals[0]].format(username=username.strip(), my_username=my_username)
    return {"code": "shared_account", "signal": signals[0], "message": message}


def advise(kind: str, court: Court | None, facts: dict[str, int], state: str | None = None,
           previous: str | None = None, linked_on: str | None = None, listed: dict[str, str] | None = None,
           my_username: str | None = None, shared: list[str] | None = None) -> Advice:
    """The hint for this page, or Advice(None) where ecflink has nothing certain to say."""
    if kind in ("pacer_login", "redaction_notice", "mfa"):
        warning = login_warning(listed or {}, my_username, shared or [])
        if warning:
            usual = advise(kind, court, facts)
            return Advice(warning["message"], usual.target, "problem", [warning, *usual.warnings])
    if kind == "link_verify" and court is not None:
        shared = shared_account_warning(listed or {})
        if shared:
            return Advice(shared["message"], "verify_submit", "problem", [shared], hold="verify_submit")
    variants = texts()["steps"].get(kind)
    if not variants or (court is None and kind != "pacer_login"):
        return Advice(None)
    for variant in variants:
        if "state" in variant and variant["state"] != state:
            continue
        if "previous" in variant and variant["previous"] != previous:
            continue
        if not all(holds(cond, facts.get(name)) for name, cond in variant.get("facts", {}).items()):
            continue
        values = {
            "court_name": court.name if court else "this court",
            "filing_menus": FILING_MENUS.get(court.type, "filing") if court else "filing",
            "linked_on": linked_on or "an earlier date",
        }
        return Advice(variant["text"].format(**values), variant.get("target"), variant.get("tone", "step"),
                      warnings_for(facts))
    return Advice(None)
