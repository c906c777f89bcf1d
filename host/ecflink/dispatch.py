"""Turns one decoded request into one reply. Never raises: every failure becomes an error reply."""

from __future__ import annotations

import logging
import sqlite3
from collections import OrderedDict
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from pydantic import ValidationError

from ecflink import __version__, pages
from ecflink.courts import all_courts, court_for
from ecflink.guide import advise
from ecflink.messages import (PROTOCOL_VERSION, REQUESTS, CourtStatus, Error, Hint, PageFacts, PageReport, Ping,
                              Pong, Probes, Reply, Request, Status, StatusRequest)
from ecflink.paths import data_dir
from ecflink.progress import ProgressStore

log = logging.getLogger("ecflink")

_store: ProgressStore | None = None
_previous: OrderedDict[tuple[str, int], str] = OrderedDict()  # (court, tab) -> last page kind
_PREVIOUS_LIMIT = 512


def progress() -> ProgressStore:
    """The progress store, opened on first use (not on the host's start-up path)."""
    global _store
    if _store is None:
        _store = ProgressStore(data_dir() / "progress.sqlite3")
    return _store


def _record(court_id: str, kind: str):
    """Record progress; if the store cannot be used, say so in the log and guide without it."""
    try:
        return progress().record(court_id, kind)
    except (sqlite3.Error, OSError, RuntimeError) as exc:
        log.error("progress store unavailable (%s: %s); guiding without it", type(exc).__name__, exc)
        return None


def _request_id(raw: dict[str, Any]) -> int | None:
    value = raw.get("id")
    return value if type(value) is int and 0 <= value <= 2**53 - 1 else None


def _summarise(exc: ValidationError) -> str:
    """Field locations and reasons only: never the offending input, which may be sensitive."""
    parts = []
    for err in exc.errors(include_input=False, include_url=False)[:5]:
        where = ".".join(str(p) for p in err["loc"]) or "message"
        parts.append(f"{where}: {err['msg']}")
    more = exc.error_count() - len(parts)
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


def parse_request(raw: dict[str, Any]) -> Request | Error:
    """Validate a decoded JSON object into its request model, or explain why not."""
    reply_to = _request_id(raw)
    kind = raw.get("type")
    if "version" in raw and raw["version"] != PROTOCOL_VERSION:
        return Error(reply_to=reply_to, code="unsupported_version",
                     message=f"protocol version {raw['version']!r} is not supported; this host speaks {PROTOCOL_VERSION}")
    model = REQUESTS.get(kind) if isinstance(kind, str) else None
    if model is None:
        shown = repr(kind)[:40]
        return Error(reply_to=reply_to, code="unknown_type", message=f"unknown message type {shown}")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        return Error(reply_to=reply_to, code="invalid_message", message=f"invalid {kind} message: {_summarise(exc)}")


def _origin_of(url: str) -> str | None:
    try:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None
    except ValueError:
        return None


def _trusted_url(report: PageReport) -> str | None:
    """The page URL, if the browser-attested origin agrees with it (not about:blank, not sandboxed)."""
    return report.url if _origin_of(report.url) == report.origin else None


def answer_page(report: PageReport) -> Probes | Hint:
    """A page loaded: the probes to measure on it, or an empty hint for a page ecflink never guides."""
    url = _trusted_url(report)
    court = court_for(url) if url else None
    probes = pages.probes_for(url) if url else {}
    court_id = court.id if court else None
    if not probes:
        log.info("page report from tab %d: court %s kind unknown", report.tab_id, court_id or "none")
        return Hint(reply_to=report.id, tab_id=report.tab_id, frame_id=report.frame_id, court=court_id, text=None)
    watch = pages.site_of(url) in pages.table()["watch_sites"]
    return Probes(reply_to=report.id, tab_id=report.tab_id, frame_id=report.frame_id, court=court_id,
                  probes=probes, watch=watch)


def _remember(court_id: str, tab_id: int, kind: str) -> str | None:
    """Note this tab's page kind for the court; returns the one before it."""
    key = (court_id, tab_id)
    previous = _previous.pop(key, None)
    _previous[key] = kind
    while len(_previous) > _PREVIOUS_LIMIT:
        _previous.popitem(last=False)
    return previous


def answer_facts(report: PageFacts) -> Hint:
    """Classify the page from its facts, record progress, and say the next step."""
    url = _trusted_url(report)
    court = court_for(url) if url else None
    kind = pages.classify(url, report.facts) if url else "unknown"
    state = linked_on = previous = None
    if court and kind != "unknown":
        record = _record(court.id, kind)
        if record:
            state, linked_on = record.state, record.linked_at[:10] if record.linked_at else None
        previous = _remember(court.id, report.tab_id, kind)
    facts = ",".join(f"{name}={count}" for name, count in sorted(report.facts.items()))
    log.info("page report from tab %d: court %s kind %s facts %s", report.tab_id, court.id if court else "none",
             kind, facts)
    advice = advise(kind, court, report.facts, state=state, previous=previous, linked_on=linked_on)
    return Hint(reply_to=report.id, tab_id=report.tab_id, frame_id=report.frame_id, court=court.id if court else None,
                kind=kind, text=advice.text, target=advice.target, tone=advice.tone, warnings=advice.warnings)


def answer_status(request: StatusRequest) -> Status:
    recorded = {p.court_id: p for p in progress().all()}
    courts = []
    for court in all_courts().values():
        if court.type not in ("district", "bankruptcy"):
            continue
        p = recorded.get(court.id)
        courts.append(CourtStatus(id=court.id, name=court.name, type=court.type,
                                  state=p.state if p else "not_started",
                                  updated_at=p.updated_at if p else None, linked_at=p.linked_at if p else None))
    return Status(reply_to=request.id, courts=courts)


def answer_ping(ping: Ping) -> Pong:
    return Pong(reply_to=ping.id, host_version=__version__)


HANDLERS: dict[type[Request], Callable[[Any], Reply]] = {
    Ping: answer_ping, PageReport: answer_page, PageFacts: answer_facts, StatusRequest: answer_status,
}


def answer(raw: dict[str, Any]) -> Reply:
    """The reply to one decoded message."""
    request = parse_request(raw)
    if isinstance(request, Error):
        return request
    try:
        return HANDLERS[type(request)](request)
    except Exception:  # a bug must cost one reply, never the host
        log.exception("handler for %s failed", request.type)
        return Error(reply_to=request.id, code="internal_error", message="ecflink hit an internal error; see the host log")
