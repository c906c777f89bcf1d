"""What to tell the user on a page: the next step of the link procedure, from the page kind, the
court's recorded progress and what this tab showed before. The words live in data/guide.json."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Literal

from ecflink.accounts import KnownAccounts, linked_for_someone_else, shared_account_signals, verify_accounts
from ecflink.courts import Court
from ecflink.pages import holds
from ecflink.paths import package_data
from ecflink.progress import LINK_STATES
from ecflink.troubleshoot import ACTIONS, LOGIN_KINDS

if TYPE_CHECKING:
    from ecflink.readiness import Point  # readiness imports this module

FILING_MENUS = {"district": "Civil and Criminal", "bankruptcy": "Bankruptcy and Adversary"}
COURTLESS_KINDS = ("pacer_login", "pacer_prompt")  # PACER's login may come without a court named


@cache
def texts() -> dict:
    """The guide's words (data/guide.json)."""
    return json.loads(package_data("guide.json"))


@dataclass(frozen=True, slots=True)
class Advice:
    text: str | None
    target: str | None = None
    tone: Literal["step", "done", "problem"] = "step"
    warnings: list[dict] = field(default_factory=list)
    hold: Literal["verify_submit"] | None = None
    button: dict | None = None  # the panel's button: see data/guide.json "buttons"
    note: str | None = None  # the panel's second line
    counts: str | None = None  # the PACER prompt whose Skip a click on the target is (progress.SKIPPABLE)


@dataclass(frozen=True, slots=True)
class PageContext:
    """Everything the host knows around a page besides its kind, built once per report
    (dispatch.answer_facts, cli classify) and read by `advise`."""

    court: Court | None = None
    facts: dict[str, int] = field(default_factory=dict)  # the probes' counts
    state: str | None = None  # the court's recorded progress (progress.STATES)
    previous: str | None = None  # the step kind this tab showed before, for this court
    linked_on: str | None = None  # the date the court was linked, if it was
    linked_before: bool = False  # the court was recorded as linked before this page first reported
    listed: dict[str, str] = field(default_factory=dict)  # words read from the page (names, usernames, way in)
    known: KnownAccounts = KnownAccounts()  # the user's and the firm's PACER usernames, the verified names
    rung: str | None = None  # the troubleshooting step on a linked court's page without filing menus
    rule: str | None = None  # which page rule named the kind (pages.Page)
    prompt: str | None = None  # which PACER prompt it is (pages.Page)
    readiness: tuple[Point, ...] = ()  # on a court's home page: the readiness check (readiness.py)
    skips: dict[str, int] = field(default_factory=dict)  # on PACER's prompts: {prompt: Skips seen here}


def warnings_for(facts: dict[str, int]) -> list[dict]:
    """A warning for each warning fact that fired, with its code and what it means."""
    return [{"code": code, "message": message} for code, message in texts()["warnings"].items() if facts.get(code)]


# Words a page supplied (a username, an account holder's name) are shown in ecflink's own panel:
# reduced to the characters names and usernames use, cut to a short length, and set between Unicode
# isolates (U+2068 ... U+2069), which the overlay draws apart from ecflink's words. So a page cannot
# write a sentence in ecflink's voice, nor reorder the panel's text with bidirectional controls.
PAGE_TEXT_MAX = 64
_NOT_NAME = r"[^\w.@'’&, -]"  # compiled on first use (re keeps it), not while the host starts
_FROM_PAGE = ("username", "pacer_name", "cmecf_name", "holder")


def page_text(text: str, limit: int = PAGE_TEXT_MAX) -> str:
    """A page's words as the panel may carry them (see above)."""
    words = " ".join(re.sub(_NOT_NAME, " ", text).split())
    if len(words) > limit:
        words = words[: limit - 1].rstrip() + "…"
    return f"\u2068{words}\u2069"


def _warning(signal: str, held: bool = False, **values) -> dict:
    words = texts()["shared_account"]
    values = {name: page_text(value) if name in _FROM_PAGE else value for name, value in values.items()}
    message = words[signal].format(**values) + (" " + words["held"] if held else "")
    return {"code": "shared_account", "signal": signal, "message": message}


def usage_warning(username: str, known: KnownAccounts) -> dict | None:
    """A warning if a PACER username in use (typed at login, or on a receipt) is a listed shared one
    or not the user's own, else None."""
    signals = known.signals(username)
    return _warning(signals[0], username=username.strip(), my_username=known.my_username) if signals else None


def verify_warning(listed: dict[str, str], known: KnownAccounts) -> dict | None:
    """On the verify page: a warning if the PACER account it lists looks shared, else None.
    `listed` holds the texts the extract probes read from the page."""
    pacer, cmecf = verify_accounts(listed)
    if pacer is None:
        return None
    cmecf_name = cmecf.name if cmecf else ""
    signals = known.signals(pacer.user)
    if signals:
        return _warning(signals[0], held=True, username=pacer.user, my_username=known.my_username)
    other = linked_for_someone_else(pacer, cmecf, known.links)
    if other:
        return _warning(
            "linked_for_someone_else",
            held=True,
            username=pacer.user,
            holder=other.cmecf_holder,
            other_court=other.court_name,
            cmecf_name=cmecf_name,
        )
    signals = shared_account_signals(pacer, cmecf)
    return _warning(signals[0], held=True, pacer_name=pacer.name, cmecf_name=cmecf_name) if signals else None


_QUOTABLE = re.compile(r"[\w .,:;&()/\[\]'’–-]{1,100}")


def quoted(text: str) -> str:
    """A page's own words (a link's label), in quotation marks for a hint; '' unless they are a
    short plain label: ecflink's panel does not carry a page's sentences."""
    words = " ".join(text.split())
    return f"“\u2068{words}\u2069”" if _QUOTABLE.fullmatch(words) else ""


def advise(kind: str, page: PageContext) -> Advice:
    """The hint for this page, or Advice(None) where ecflink has nothing certain to say. On a
    court's home page, the readiness check: for a court that does not run NextGen, that alone (no
    NextGen step); else the first point to act on as the panel's second line (on a linked court's
    page, the PACER account's points only)."""
    if kind != "court_home" or page.court is None or not page.readiness:
        return _advise(kind, page)
    for point in page.readiness:
        if point.outcome == "not_nextgen":
            return Advice(point.text)
    failing = [point for point in page.readiness if point.ok is False]
    usual = _advise(kind, page)
    if not failing or usual.text is None:
        return usual
    words = texts()["readiness"]
    more = words["more"].format(count=len(failing) - 1) if len(failing) > 1 else ""
    hint = words["account_hint" if page.state in LINK_STATES else "hint"]
    return replace(usual, note=hint.format(todo=failing[0].text) + more)


def _advise(kind: str, page: PageContext) -> Advice:
    court, facts, listed, known, rung = page.court, page.facts, page.listed, page.known, page.rung
    if kind == "link_verify" and court is not None:
        warning = verify_warning(listed, known)
        if warning:
            return Advice(warning["message"], "verify_submit", "problem", [warning], hold="verify_submit")
    in_use = listed.get("login_username", "") if kind in LOGIN_KINDS else listed.get("receipt_pacer_login", "")
    warning = usage_warning(in_use, known) if court is not None or kind in LOGIN_KINDS else None
    if warning:
        usual = _advise(kind, replace(page, listed={}, known=KnownAccounts()))
        return Advice(
            warning["message"],
            usual.target,
            "problem",
            [warning, *usual.warnings],
            button=usual.button,
            hold=usual.hold,
            note=usual.note,
            counts=usual.counts,
        )
    values = {
        "court_name": court.name if court else "this court",
        "court_host": court.ecf_host if court else "",
        "filing_menus": FILING_MENUS.get(court.type, "filing") if court else "filing",
        "linked_on": page.linked_on or "an earlier date",
        "way_in": quoted(listed.get("way_in_text", "")) or texts()["words"]["way_in"],
    }
    if kind == "ecf_unlinked" and court is not None and rung in texts()["troubleshoot"]:
        step = texts()["troubleshoot"][rung]
        return Advice(
            step["text"].format(**values),
            step["target"],
            "problem",
            warnings_for(facts),
            button=button(rung, values) if rung in ACTIONS else None,
        )
    variants = texts()["steps"].get(kind)
    if not variants or (court is None and kind not in COURTLESS_KINDS):
        return Advice(None)
    context = {
        "state": page.state,
        "previous": page.previous,
        "linked_before": page.linked_before,
        "rule": page.rule,
        "prompt": page.prompt,
    }
    for variant in variants:
        if any(name in variant and variant[name] != value for name, value in context.items()):
            continue
        if not all(holds(cond, facts.get(name)) for name, cond in variant.get("facts", {}).items()):
            continue
        if variant["text"] is None:  # a variant that says nothing here
            return Advice(None)
        counts = variant.get("counts")
        return Advice(
            variant["text"].format(**values),
            variant.get("target"),
            variant.get("tone", "step"),
            warnings_for(facts),
            hold=variant.get("hold"),
            button=button(variant["button"], values) if "button" in variant else None,
            note=skips_seen(page.skips.get(counts, 0)) if counts else None,
            counts=counts,
        )
    return Advice(None)


def skips_seen(count: int) -> str | None:
    """What the panel says of the Skips ecflink saw on this computer for the account on a prompt;
    nothing before the first (a filer who never skipped needs no count)."""
    if count <= 0:
        return None
    words = texts()["words"]
    return words["skips_seen_once"] if count == 1 else words["skips_seen"].format(count=count)


def snapshot_offer() -> Advice:
    """On a court or PACER page ecflink does not recognise: no instruction, only the offer to save
    a redacted snapshot of the page (reports.py)."""
    return Advice(texts()["snapshot"]["offer"], button=button("save_snapshot"))


def button(name: str, values: dict[str, str] | None = None) -> dict:
    """The panel's button `name`, in the guide's words."""
    words = texts()["buttons"][name]
    values = values or {}
    return {"id": name, **{key: text.format(**values) for key, text in words.items()}}
