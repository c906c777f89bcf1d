"""Every message between the extension and the host, as a pydantic model with size limits."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

PROTOCOL_VERSION = 1

RequestId = Annotated[int, Field(ge=0, le=2**53 - 1)]
BrowserId = Annotated[int, Field(ge=0, le=2**31 - 1)]
Url = Annotated[str, StringConstraints(min_length=1, max_length=8192)]
Origin = Annotated[str, StringConstraints(min_length=1, max_length=512)]
Text = Annotated[str, StringConstraints(max_length=4096)]

ErrorCode = Literal[
    "bad_utf8",
    "bad_json",
    "not_an_object",
    "unknown_type",
    "unsupported_version",
    "invalid_message",
    "frame_too_large",
    "truncated_frame",
    "bad_frame",
    "reply_too_large",
    "internal_error",
]


class Message(BaseModel):
    """Common shape: a `type`, the protocol `version`, and an optional request `id`."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    version: Literal[1] = PROTOCOL_VERSION


class Request(Message):
    id: RequestId | None = None


class Ping(Request):
    type: Literal["ping"]


class PageReport(Request):
    """A page in a tab, as the browser (not the page) attests it."""

    type: Literal["page"]
    tab_id: BrowserId
    frame_id: BrowserId
    url: Url
    origin: Origin


REQUESTS: dict[str, type[Request]] = {"ping": Ping, "page": PageReport}


class Reply(Message):
    reply_to: RequestId | None = None


class Pong(Reply):
    type: Literal["pong"] = "pong"
    host_version: str
    protocol_version: int = PROTOCOL_VERSION


class Hint(Reply):
    """What the overlay should show on that tab; `text` None means show nothing."""

    type: Literal["hint"] = "hint"
    tab_id: BrowserId
    frame_id: BrowserId
    court: str | None
    text: Text | None


class Error(Reply):
    type: Literal["error"] = "error"
    code: ErrorCode
    message: Text
