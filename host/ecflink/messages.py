"""Every message between the extension and the host, as a pydantic model: strict (no coercion: "7"
is not 7, true is not 1), unknown fields refused, frozen, with bounds on every number, string and
list. A request is parsed through one union on its `type`; an error names the field and the reason,
never the value. The protocol's JSON Schema, docs/protocol.schema.json, is generated from these
models (`python -m ecflink.messages`)."""

from __future__ import annotations

import json
import re
from typing import Annotated, Any, Final, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    field_serializer,
)
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from ecflink.credentials import LOGIN_MAX, PASSWORD_MAX, KeyringCode
from ecflink.framing import FrameCode, PayloadCode
from ecflink.pages import Kind, Prompt, table
from ecflink.settings import said_day

PROTOCOL_VERSION: Final = 1

RequestId = Annotated[int, Field(ge=0, le=2**53 - 1)]


KeptDay = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")]  # YYYY-MM-DD, as the settings keep it
Day = Annotated[KeptDay, AfterValidator(said_day)]  # one the user says now: a real day, up to today
BrowserId = Annotated[int, Field(ge=0, le=2**31 - 1)]
Url = Annotated[str, Field(min_length=1, max_length=8192)]
Origin = Annotated[str, Field(min_length=1, max_length=512)]
Text = Annotated[str, Field(max_length=4096)]
Name = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_]*$")]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
CourtId = Annotated[str, Field(min_length=2, max_length=12, pattern=r"^[a-z0-9]+$")]
Login = Annotated[str, Field(min_length=1, max_length=LOGIN_MAX)]
Secret = Annotated[SecretStr, Field(min_length=1, max_length=PASSWORD_MAX)]
PacerUsername = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
ProbeTable = Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[a-z]+-[0-9a-f]{8}$")]  # pages.table_id

OwnErrorCode = Literal[
    "unknown_type",
    "unsupported_version",
    "invalid_message",
    "reply_too_large",
    "internal_error",
    "fill_refused",
    "action_refused",
    "snapshot_refused",
    "unknown_court",
    "probes_changed",
]
ErrorCode = Literal[PayloadCode, FrameCode, KeyringCode, OwnErrorCode]
ActionId = Literal["hard_reload", "clear_court_data", "says_linked"]  # carried out by the background, once granted
# The panel's buttons: the host names one per hint; the content script maps each id to its handler.
ButtonId = Literal["fill", "confirm_own_accounts", "hard_reload", "clear_court_data", "says_linked", "save_snapshot"]


class Model(BaseModel):
    """Strict, closed and frozen; a refused value is never quoted in the error."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, hide_input_in_errors=True)


class Message(Model):
    """Common shape: a `type`, the protocol `version`, and an optional request `id`."""

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
    first: bool = False  # the document's first report: a new page in the tab
    facts: Annotated[dict[Name, Count], Field(max_length=64)]
    texts: Annotated[dict[Name, Annotated[str, Field(max_length=200)]], Field(max_length=8)] = {}
    # The probe table they were measured with, when the background gave one it kept from an earlier
    # host (Probes.table): the host answers `probes_changed` if it is not the one it uses now.
    table: ProbeTable | None = None


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


class TargetClicked(FromPage):
    """The user clicked (a click the browser marks as the user's) the element the tab's hint points
    at, on a hint that asked to be told (Hint.report_click): on PACER's prompts, their Skip."""

    type: Literal["target_clicked"]


class Snapshot(FromPage):
    """From the content script of a court or PACER page, when the user asks: the page as the
    browser renders it, already stripped of field values, hidden fields, scripts and URL query
    values (extension/snapshot.js); the host redacts it again and saves it (reports.py)."""

    type: Literal["snapshot"]
    html: str = Field(min_length=1, max_length=3_000_000, repr=False)
    reason: Literal["unrecognised", "user_report"]


class CredsSet(Request):
    """From the extension's options page: store or replace a court's CM/ECF login."""

    type: Literal["creds_set"]
    court: CourtId
    login: Login
    password: Secret


class CredsList(Request):
    type: Literal["creds_list"]


class CredsDelete(Request):
    type: Literal["creds_delete"]
    court: CourtId


class CredsRepair(Request):
    """From the options page: rebuild the damaged index of stored logins from the keyring."""

    type: Literal["creds_repair"]


class SettingsGet(Request):
    type: Literal["settings_get"]


class SettingsSet(Request):
    """From the options page: the user's own PACER username, the shared firm usernames they know, and
    what they say of their PACER account (each None: unchanged)."""

    type: Literal["settings_set"]
    my_pacer_username: PacerUsername | None = None
    shared_usernames: Annotated[list[PacerUsername], Field(max_length=200)] = []
    mfa_ready: bool | None = None
    backup_codes_saved: bool | None = None
    email_checked: bool | None = None
    password_changed_on: Day | None = None


class FirmPolicy(Request):
    """From the extension's background only: the shared firm usernames the firm's browser policy
    (managed storage) sets, sent on each new port; an empty list when there is no policy."""

    type: Literal["policy"]
    shared_usernames: Annotated[list[PacerUsername], Field(max_length=1000)] = []


AnyRequest = Annotated[
    Ping
    | PageReport
    | PageFacts
    | StatusRequest
    | CourtChoice
    | FillRequest
    | CredsSet
    | CredsList
    | CredsDelete
    | CredsRepair
    | SettingsGet
    | SettingsSet
    | FirmPolicy
    | ActionRequest
    | ActionResult
    | TargetClicked
    | Snapshot,
    Field(discriminator="type"),
]
# The adapter's own config decides whether an error's text quotes the input: it must not.
REQUEST_ADAPTER: TypeAdapter[AnyRequest] = TypeAdapter(AnyRequest, config=ConfigDict(hide_input_in_errors=True))
# Each request's model by its `type`.
REQUESTS: dict[str, type[Request]] = {
    get_args(model.model_fields["type"].annotation)[0]: model for model in get_args(get_args(AnyRequest)[0])
}


class Reply(Message):
    reply_to: RequestId | None = None


class Pong(Reply):
    type: Literal["pong"] = "pong"
    host_version: Annotated[str, Field(max_length=64)]
    protocol_version: Annotated[int, Field(ge=1, le=1000)] = PROTOCOL_VERSION


class Probes(Reply):
    """The DOM facts to measure on that page (see data/pages.json); `watch`: measure again on change;
    `same_for_origin`: this answer holds for every page of the origin while this host runs, so the
    background may keep it and answer the origin's next pages itself (one host round trip a page);
    `table`: which probe table this is (pages.table_id), for the background to keep across hosts."""

    type: Literal["probes"] = "probes"
    tab_id: BrowserId
    frame_id: BrowserId
    court: Annotated[str, Field(max_length=12)] | None
    probes: dict[str, dict[str, Any]]
    watch: bool
    same_for_origin: bool = False
    table: ProbeTable | None = None


class Warning(Model):
    code: Name
    message: Text
    signal: Name | None = None  # what fired, for a warning with several possible causes


class Button(Model):
    """The one button the panel offers; with `confirm`, that question is asked first and a second
    click on `confirm_label` is needed."""

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
    court: Annotated[str, Field(max_length=12)] | None
    kind: Kind = "unknown"
    prompt: Prompt | None = None  # on a pacer_prompt page: which PACER prompt
    text: Text | None
    target: Name | None = None
    tone: Literal["step", "done", "problem"] = "step"
    warnings: Annotated[list[Warning], Field(max_length=16)] = []
    button: Button | None = None  # the panel's one button, decided here
    note: Text | None = None  # a second line, below the hint
    # Hold this button until the user confirms in the panel; hold the tab's next page from its
    # start until its hint (it may make the link).
    hold: Literal["verify_submit"] | None = None
    hold_next: bool = False
    # Tell the host (TargetClicked) when the user clicks the element `target` names: what the click
    # means (a Skip chosen on a PACER prompt) is the host's to count.
    report_click: bool = False


class ActionGrant(Reply):
    """The go-ahead for an action on that tab, with the court's hosts it may touch (from the host's
    court table, never from the page)."""

    type: Literal["action_grant"] = "action_grant"
    tab_id: BrowserId
    action: ActionId
    hosts: Annotated[list[Annotated[str, Field(max_length=253)]], Field(max_length=16)] = []


class Recorded(Reply):
    """An action's outcome was recorded."""

    type: Literal["recorded"] = "recorded"


class FillCredentials(Reply):
    """The one message that carries a password to the browser: the answer to one fill request. The
    password is revealed only when the reply is serialised as JSON, to be sent (host.py)."""

    type: Literal["fill_credentials"] = "fill_credentials"
    tab_id: BrowserId
    frame_id: BrowserId
    login: Login
    password: Secret

    @field_serializer("password", when_used="json")
    def _reveal(self, password: SecretStr) -> str:
        return password.get_secret_value()


class SnapshotSaved(Reply):
    """A snapshot was redacted and saved in the data folder under `name`."""

    type: Literal["snapshot_saved"] = "snapshot_saved"
    name: Annotated[str, Field(max_length=255)]
    text: Text


class StoredLogin(Model):
    court: Annotated[str, Field(max_length=12)]
    name: Annotated[str, Field(max_length=200)]
    login: Annotated[str, Field(max_length=LOGIN_MAX)]
    saved_at: Annotated[str, Field(max_length=64)]


class CredsListing(Reply):
    type: Literal["creds"] = "creds"
    entries: Annotated[list[StoredLogin], Field(max_length=1000)]
    warnings: Annotated[list[Warning], Field(max_length=16)] = []


class ReadinessPoint(Model):
    id: Annotated[str, Field(max_length=64)]
    ok: bool | None
    text: Text


class CourtStatus(Model):
    """One court for the popup and the options page (yourcourts.CourtEntry)."""

    id: Annotated[str, Field(max_length=12)]
    name: Annotated[str, Field(max_length=200)]
    type: Annotated[str, Field(max_length=32)]
    state: Literal["not_started", "in_progress", "linked", "needs_attention"]
    state_name: Annotated[str, Field(max_length=64)]
    yours: bool = False
    reasons: Annotated[list[Literal["login", "visited", "added"]], Field(max_length=3)] = []
    nextgen: bool | None = None
    release: Annotated[str, Field(max_length=64)] | None = None
    help_desk: Annotated[list[Annotated[str, Field(max_length=200)]], Field(max_length=16)] = []
    info_url: Annotated[str, Field(max_length=2048)] | None = None
    next_action: Text
    readiness: Annotated[list[ReadinessPoint], Field(max_length=16)] = []  # your courts not yet linked
    updated_at: Annotated[str, Field(max_length=64)] | None = None
    linked_at: Annotated[str, Field(max_length=64)] | None = None


class CourtElsewhere(Model):
    """A court that files new cases outside CM/ECF (courts.system_of): nothing to link there."""

    id: Annotated[str, Field(max_length=12)]
    name: Annotated[str, Field(max_length=200)]
    system: Literal["acms"]
    note: Text


class Status(Reply):
    """Every court ecflink guides, yours first, with its state and PACER's facts, for the popup."""

    type: Literal["status"] = "status"
    data_date: Annotated[str, Field(max_length=64)]
    courts: Annotated[list[CourtStatus], Field(max_length=1000)]
    account: Annotated[list[ReadinessPoint], Field(max_length=16)] = []  # the PACER account's readiness
    elsewhere: Annotated[list[CourtElsewhere], Field(max_length=100)] = []  # courts not on CM/ECF for new cases
    warnings: Annotated[list[Warning], Field(max_length=16)] = []


class Error(Reply):
    type: Literal["error"] = "error"
    code: ErrorCode
    message: Text


class SettingsReply(Reply):
    type: Literal["settings"] = "settings"
    my_pacer_username: Annotated[str, Field(max_length=64)] | None
    shared_usernames: Annotated[list[Annotated[str, Field(max_length=64)]], Field(max_length=1000)]
    # Set by the firm's policy; read-only.
    firm_shared_usernames: Annotated[list[Annotated[str, Field(max_length=64)]], Field(max_length=1000)] = []
    mfa_ready: bool = False
    backup_codes_saved: bool = False
    email_checked: bool = False
    password_changed_on: KeptDay | None = None
    # With the answer to the background's policy (a port's first message): how long the port may
    # stay open with no court or PACER page in any tab before the background closes it.
    port_idle_s: Annotated[int, Field(ge=1, le=86_400)] | None = None


REPLIES: tuple[type[Reply], ...] = (
    Pong,
    Probes,
    Hint,
    ActionGrant,
    Recorded,
    FillCredentials,
    SnapshotSaved,
    CredsListing,
    Status,
    Error,
    SettingsReply,
)


def _request_id(raw: dict[str, Any]) -> int | None:
    value = raw.get("id")
    return value if type(value) is int and 0 <= value <= 2**53 - 1 else None


# Every field name a request has, and every probe name the host asks for (a report's facts and
# texts): a place in an error is named only with these, item numbers and pydantic's own marks;
# anything else in it (a key the sender chose) is shown as "*".
KNOWN_NAMES = frozenset(name for model in REQUESTS.values() for name in model.model_fields) | frozenset(
    name for probes in table()["probes"].values() for name in probes
)


def _place(loc: tuple[int | str, ...]) -> str:
    """Where a problem is, the union's tag (the message type) left out."""
    shown = [str(part) if isinstance(part, int) or part in KNOWN_NAMES or part == "[key]" else "*" for part in loc[1:]]
    return ".".join(shown) or "message"


def _summarise(exc: ValidationError) -> str:
    """Field locations and reasons only: never the offending input, which may be sensitive, nor how
    long it was (pydantic's "not N" after a length limit)."""
    problems = exc.errors(include_url=False, include_context=False, include_input=False)
    parts = [f"{_place(problem['loc'])}: {_NOT_N.sub('', problem['msg'])}" for problem in problems[:5]]
    more = len(problems) - len(parts)
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


_NOT_N = re.compile(r",? not \d+$")


def parse_request(raw: dict[str, Any]) -> Request | Error:
    """Validate a decoded JSON object into its request model, or explain why not."""
    reply_to = _request_id(raw)
    kind = raw.get("type")
    version = raw.get("version", PROTOCOL_VERSION)
    if type(version) is not int or version != PROTOCOL_VERSION:
        return Error(
            reply_to=reply_to,
            code="unsupported_version",
            message=f"this protocol version is not supported; this host speaks version {PROTOCOL_VERSION}",
        )
    if not isinstance(kind, str) or kind not in REQUESTS:
        return Error(reply_to=reply_to, code="unknown_type", message="unknown message type")
    try:
        return REQUEST_ADAPTER.validate_python(raw)
    except ValidationError as exc:
        return Error(reply_to=reply_to, code="invalid_message", message=f"invalid {kind} message: {_summarise(exc)}")


def protocol_schema() -> dict[str, Any]:
    """The protocol as JSON Schema (docs/protocol.schema.json): every request as the host accepts
    it, every reply as the host sends it."""
    modes: list[tuple[type[BaseModel], JsonSchemaMode]] = [(model, "validation") for model in REQUESTS.values()]
    modes += [(model, "serialization") for model in REPLIES]
    refs, schema = models_json_schema(modes, ref_template="#/$defs/{model}")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "ecflink native-messaging protocol",
        "description": (
            f"Version {PROTOCOL_VERSION}. Each message is one native-messaging frame: a JSON object whose `type` names"
            " its model. Requests go from the extension to the host; each gets one reply, whose `reply_to` is the"
            " request's `id`. Generated from host/ecflink/messages.py: python -m ecflink.messages"
        ),
        "$defs": schema["$defs"],
        "oneOf": [{"$ref": refs[key]["$ref"]} for key in modes],
    }


if __name__ == "__main__":
    print(json.dumps(protocol_schema(), indent=2))
