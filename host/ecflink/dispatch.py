"""Turns one decoded request into one reply. Never raises: every failure becomes an error reply."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from pydantic import ValidationError

from ecflink import __version__
from ecflink.courts import court_from_url
from ecflink.messages import PROTOCOL_VERSION, REQUESTS, Error, Hint, PageReport, Ping, Pong, Reply, Request

log = logging.getLogger("ecflink")


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


def answer_page(report: PageReport) -> Hint:
    """The overlay text for a page. Only a page of a recognised court gets any text."""
    court = court_from_url(report.url) if _origin_of(report.url) == report.origin else None
    log.info("page report from tab %d: court %s", report.tab_id, court or "none")
    text = None
    if court:
        text = f"ecflink is connected for this court ({court.upper()}). It will guide you through linking your CM/ECF account."
    return Hint(reply_to=report.id, tab_id=report.tab_id, frame_id=report.frame_id, court=court, text=text)


def answer_ping(ping: Ping) -> Pong:
    return Pong(reply_to=ping.id, host_version=__version__)


HANDLERS: dict[type[Request], Callable[[Any], Reply]] = {Ping: answer_ping, PageReport: answer_page}


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
