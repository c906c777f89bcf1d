"""Every message between the extension and the host, as a pydantic model with size limits.

Models build their validators on first use (`defer_build`), so a starting host builds only those of
the messages it meets, not all of them, before its first reply."""

from __future__ import annotations

from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from ecflink.credentials import LOGIN_MAX, PASSWORD_MAX, KeyringCode
from ecflink.framing import FrameCode, PayloadCode
from ecflink.pages import KINDS, PROMPTS

PROTOCOL_VERSION: Final = 1

RequestId = Annotated[int, Field(ge=0, le=2**53 - 1)]
BrowserId = Annotated[int, Field(ge=0, le=2**31 - 1)]
Url = Annotated[str, StringConstraints(min_length=1, max_length=8192)]
Origin = Annotated[str, StringConstraints(min_length=1, max_length=512)]
Text = Annotated[str, StringConstraints(max_length=4096)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_]*$")]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
# The kinds and prompts live in pages.py, as data; mypy cannot read a Literal built from a tuple.
PageKind = Literal[KINDS]  # type: ignore[valid-type]
PromptName = Literal[PROMPTS]  # type: ignore[valid-type]

ErrorCode = Literal[
    PayloadCode,
    FrameCode,
    KeyringCode,
    "unknown_type",
    "unsupported_version",
    "invalid_message",
    "reply_too_large",
    "internal_error",
    "fill_refused",
    "action_refused",
    "snapshot_refused",
    "unknown_court",
]
ActionId = Literal["hard_reload", "clear_court_data", "says_linked"]  # carried out by the background, once granted
# The panel's buttons: the host names one per hint; the content script maps each id to its handler.
ButtonId = Literal["fill", "confirm_own_accounts", "hard_reload", "clear_court_data", "says_linked", "save_snapshot"]
CourtId = Annotated[str, StringConstraints(min_length=2, max_length=12, pattern=r"^[a-z0-9]+$")]
Login = Annotated[str, StringConstraints(min_length=1, max_length=LOGIN_MAX)]
Secret = Annotated[str, StringConstraints(min_length=1, max_length=PASSWORD_MAX)]


class Message(BaseModel):
    """Common shape: a `type`, the protocol `version`, and an optional request `id`."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True, hide_input_in_errors=True)

    version: Literal[1] = PROTOCOL_VERSION


class Request(Message):
    id: RequestId | None = None


class Ping(Request):
    type: Literal["ping"]


class FromPage(Request):
    """A request about a page in a tab, as the browser (not the page) attests it."""

    tab_id: BrowserId
    frame_id: BrowserId
    url: Url
    origin: Origin


class PageReport(FromPage):
    """A page started: which facts to measure on it."""

    type: Literal["page"]


class PageFacts(FromPage):
    """The probe counts the content script measured on that page."""

    type: Literal["facts"]
    first: bool = False  # the document's first report: a new page in the tab, recognised or not
    facts: Annotated[dict[Name, Count], Field(max_length=64)]
    texts: Annotated[dict[Name, Annotated[str, StringConstraints(max_length=200)]], Field(max_length=8)] = {}


class StatusRequest(Request):
    type: Literal["status"]


class CourtChoice(Request):
    """From the options page or the popup: add a court to the user's courts, or take it off."""

    type: Literal["court_choice"]
    court: CourtId
    choice: Literal["added", "removed"]


class FillRequest(FromPage):
    """The user clicked "Fill CM/ECF login" in the overlay of that tab and frame."""

    type: Literal["fill"]


class ActionRequest(FromPage):
    """The user clicked an action button (hard reload, clear the court's data...) in that tab's overlay."""

    type: Literal["action"]
    action: ActionId


class ActionResult(FromPage):
    """The background carried out (or could not carry out) an action the host granted."""

    type: Literal["action_result"]
    action: ActionId
    ok: bool


class Snapshot(FromPage):
    """From the content script of a court or PACER page, when the user asks: the page as the
    browser renders it, already stripped of field values, hidden fields, scripts and URL query
    values (extension/snapshot.js); the host redacts it again and saves it (reports.py)."""

    type: Literal["snapshot"]
    html: Annotated[str, StringConstraints(min_length=1, max_length=3_000_000)] = Field(repr=False)
    reason: Literal["unrecognised", "user_report"]


class CredsSet(Request):
    """From the extension's options page: store or replace a court's CM/ECF login."""

    type: Literal["creds_set"]
    court: CourtId
    login: Login
    password: Secret = Field(repr=False)


class CredsList(Request):
    type: Literal["creds_list"]


class CredsDelete(Request):
    type: Literal["creds_delete"]
    court: CourtId


class CredsRepair(Request):
    """From the options page: rebuild the damaged index of stored logins from the keyring."""

    type: Literal["creds_repair"]


PacerUsername = Annotated[str, StringConstraints(min_length=1, max_length=64, strip_whitespace=True)]


class SettingsGet(Request):
    type: Literal["settings_get"]


class SettingsSet(Request):
    """From the options page: the user's own PACER username and the shared firm usernames they know."""

    type: Literal["settings_set"]
    my_pacer_username: PacerUsername | None = None
    shared_usernames: Annotated[list[PacerUsername], Field(max_length=200)] = []
    mfa_ready: bool | None = None  # None: unchanged


class FirmPolicy(Request):
    """From the extension's background only: the shared firm usernames the firm's browser policy
    (managed storage) sets, sent on each new port; an empty list when there is no policy."""

    type: Literal["policy"]
    shared_usernames: Annotated[list[PacerUsername], Field(max_length=1000)] = []


REQUESTS: dict[str, type[Request]] = {
    "ping": Ping,
    "page": PageReport,
    "facts": PageFacts,
    "status": StatusRequest,
    "court_choice": CourtChoice,
    "fill": FillRequest,
    "creds_set": CredsSet,
    "creds_list": CredsList,
    "creds_delete": CredsDelete,
    "creds_repair": CredsRepair,
    "settings_get": SettingsGet,
    "settings_set": SettingsSet,
    "policy": FirmPolicy,
    "action": ActionRequest,
    "action_result": ActionResult,
    "snapshot": Snapshot,
}


class Reply(Message):
    reply_to: RequestId | None = None


class Pong(Reply):
    type: Literal["pong"] = "pong"
    host_version: str
    protocol_version: int = PROTOCOL_VERSION


class Probes(Reply):
    """The DOM facts to measure on that page (see data/pages.json); `watch`: measure again on change;
    `same_for_origin`: this answer holds for every page of the origin while this host runs, so the
    background may keep it and answer the origin's next pages itself (one host round trip a page)."""

    type: Literal["probes"] = "probes"
    tab_id: BrowserId
    frame_id: BrowserId
    court: str | None
    probes: dict[str, dict[str, Any]]
    watch: bool
    same_for_origin: bool = False


class Warning(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, hide_input_in_errors=True)

    code: Name
    message: Text
    signal: Name | None = None  # what fired, for a warning with several possible causes


class Button(BaseModel):
    """The one button the panel offers; with `confirm`, that question is asked first and a second
    click on `confirm_label` is needed."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, hide_input_in_errors=True)

    id: ButtonId
    label: Text
    confirm: Text | None = None
    confirm_label: Text | None = None


class Hint(Reply):
    """What the overlay should show on that tab; `text` None means show nothing.

    `target` names the probe whose first match the overlay points at."""

    type: Literal["hint"] = "hint"
    tab_id: BrowserId
    frame_id: BrowserId
    court: str | None
    kind: PageKind = "unknown"
    prompt: PromptName | None = None  # on a pacer_prompt page: which PACER prompt
    text: Text | None
    target: Name | None = None
    tone: Literal["step", "done", "problem"] = "step"
    warnings: list[Warning] = []
    button: Button | None = None  # the panel's one button, decided here
    note: Text | None = None  # a second line, below the hint
    hold: Literal["verify_submit"] | None = None  # hold this button until the user confirms in the panel
    hold_next: bool = False  # hold the tab's next page from its start until its hint (it may make the link)


class ActionGrant(Reply):
    """The go-ahead for an action on that tab, with the court's hosts it may touch (from the host's
    court table, never from the page)."""

    type: Literal["action_grant"] = "action_grant"
    tab_id: BrowserId
    action: ActionId
    hosts: list[str] = []


class Recorded(Reply):
    """An action's outcome was recorded."""

    type: Literal["recorded"] = "recorded"


class FillCredentials(Reply):
    """The one message that carries a password to the browser: the answer to one fill request."""

    type: Literal["fill_credentials"] = "fill_credentials"
    tab_id: BrowserId
    frame_id: BrowserId
    login: Login
    password: Secret = Field(repr=False)


class SnapshotSaved(Reply):
    """A snapshot was redacted and saved in the data folder under `name`."""

    type: Literal["snapshot_saved"] = "snapshot_saved"
    name: str
    text: Text


class StoredLogin(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, hide_input_in_errors=True)

    court: str
    name: str
    login: str
    saved_at: str


class CredsListing(Reply):
    type: Literal["creds"] = "creds"
    entries: list[StoredLogin]
    warnings: list[Warning] = []


class ReadinessPoint(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, hide_input_in_errors=True)

    id: str
    ok: bool | None
    text: Text


class CourtStatus(BaseModel):
    """One court for the popup and the options page (yourcourts.CourtEntry)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, hide_input_in_errors=True)

    id: str
    name: str
    type: str
    state: Literal["not_started", "in_progress", "linked", "needs_attention"]
    state_name: str
    yours: bool = False
    reasons: list[Literal["login", "visited", "added"]] = []
    nextgen: bool | None = None
    release: str | None = None
    help_desk: list[str] = []
    info_url: str | None = None
    next_action: Text
    readiness: list[ReadinessPoint] = []  # for your courts not yet linked
    updated_at: str | None = None
    linked_at: str | None = None


class Status(Reply):
    """Every court ecflink guides, yours first, with its state and PACER's facts, for the popup."""

    type: Literal["status"] = "status"
    data_date: str
    courts: list[CourtStatus]
    warnings: list[Warning] = []


class Error(Reply):
    type: Literal["error"] = "error"
    code: ErrorCode
    message: Text


class SettingsReply(Reply):
    type: Literal["settings"] = "settings"
    my_pacer_username: str | None
    shared_usernames: list[str]
    firm_shared_usernames: list[str] = []  # set by the firm's browser policy; read-only here
    mfa_ready: bool = False


def _request_id(raw: dict[str, Any]) -> int | None:
    value = raw.get("id")
    return value if type(value) is int and 0 <= value <= 2**53 - 1 else None


def _summarise(exc: ValidationError) -> str:
    """Field locations and reasons only: never the offending input, which may be sensitive."""
    parts = []
    for err in exc.errors(include_input=False, include_url=False)[:5]:
        where = ".".join(str(p) for p in err["loc"])[:80] or "message"  # a field name may be the sender's
        parts.append(f"{where}: {err['msg'][:200]}")
    more = exc.error_count() - len(parts)
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


def parse_request(raw: dict[str, Any]) -> Request | Error:
    """Validate a decoded JSON object into its request model, or explain why not."""
    reply_to = _request_id(raw)
    kind = raw.get("type")
    if "version" in raw and raw["version"] != PROTOCOL_VERSION:
        shown = repr(raw["version"])[:40]
        return Error(
            reply_to=reply_to,
            code="unsupported_version",
            message=f"protocol version {shown} is not supported; this host speaks {PROTOCOL_VERSION}",
        )
    model = REQUESTS.get(kind) if isinstance(kind, str) else None
    if model is None:
        shown = repr(kind)[:40]
        return Error(reply_to=reply_to, code="unknown_type", message=f"unknown message type {shown}")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        return Error(reply_to=reply_to, code="invalid_message", message=f"invalid {kind} message: {_summarise(exc)}")
