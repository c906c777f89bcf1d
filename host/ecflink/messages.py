"""Every message between the extension and the host, as a strictly checked class with size limits
(schema.py: the standard library only, so a starting host imports nothing heavy before its first
reply)."""

from __future__ import annotations

from ecflink.credentials import KEYRING_CODES, LOGIN_MAX, PASSWORD_MAX
from ecflink.framing import FRAME_CODES, PAYLOAD_CODES
from ecflink.pages import KINDS, PROMPTS
from ecflink.schema import (
    Invalid,
    Model,
    boolean,
    dict_of,
    field,
    integer,
    json_object,
    list_of,
    nested,
    one_of,
    optional,
    text,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (records.py)
if TYPE_CHECKING:
    from typing import Any, Final, Literal

    from ecflink.credentials import KeyringCode
    from ecflink.framing import FrameCode, PayloadCode

PROTOCOL_VERSION: Final = 1

REQUEST_ID = integer(0, 2**53 - 1)
BROWSER_ID = integer(0, 2**31 - 1)
URL = text(8192, min_length=1)
ORIGIN = text(512, min_length=1)
TEXT = text(4096)
NAME = text(64, min_length=1, pattern=r"[a-z][a-z0-9_]*")
COUNT = integer(0, 1_000_000)
COURT_ID = text(12, min_length=2, pattern=r"[a-z0-9]+")
LOGIN = text(LOGIN_MAX, min_length=1)
SECRET = text(PASSWORD_MAX, min_length=1)
PACER_USERNAME = text(64, min_length=1, strip=True)
PROBE_TABLE = text(32, min_length=1, pattern=r"[a-z]+-[0-9a-f]{8}")  # pages.table_id

# The codes and ids, as types for the checker and as values at run time (framing.py);
# tests/unit/test_typing_free.py holds the two equal.
if TYPE_CHECKING:
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
        "probes_changed",
    ]
    ActionId = Literal["hard_reload", "clear_court_data", "says_linked"]
    ButtonId = Literal[
        "fill", "confirm_own_accounts", "hard_reload", "clear_court_data", "says_linked", "save_snapshot"
    ]
OWN_ERROR_CODES = (
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
)
ACTION_IDS = ("hard_reload", "clear_court_data", "says_linked")  # carried out by the background, once granted
# The panel's buttons: the host names one per hint; the content script maps each id to its handler.
BUTTON_IDS = ("fill", "confirm_own_accounts", "hard_reload", "clear_court_data", "says_linked", "save_snapshot")
ERROR_CODE = one_of(*PAYLOAD_CODES, *FRAME_CODES, *KEYRING_CODES, *OWN_ERROR_CODES)
ACTION_ID = one_of(*ACTION_IDS)
BUTTON_ID = one_of(*BUTTON_IDS)


class Message(Model):
    """Common shape: a `type`, the protocol `version`, and an optional request `id`."""

    version: Literal[1] = field(one_of(PROTOCOL_VERSION), default=PROTOCOL_VERSION)


class Request(Message):
    id: int | None = field(optional(REQUEST_ID), default=None)


class Ping(Request):
    type: Literal["ping"] = field(one_of("ping"))


class FromPage(Request):
    """A request about a page in a tab, as the browser (not the page) attests it."""

    tab_id: int = field(BROWSER_ID)
    frame_id: int = field(BROWSER_ID)
    url: str = field(URL)
    origin: str = field(ORIGIN)


class PageReport(FromPage):
    """A page started: which facts to measure on it."""

    type: Literal["page"] = field(one_of("page"))


class PageFacts(FromPage):
    """The probe counts the content script measured on that page."""

    type: Literal["facts"] = field(one_of("facts"))
    first: bool = field(boolean(), default=False)  # the document's first report: a new page in the tab
    facts: dict[str, int] = field(dict_of(NAME, COUNT, 64))
    texts: dict[str, str] = field(dict_of(NAME, text(200), 8), default={})
    # The probe table they were measured with, when the background gave one it kept from an earlier
    # host (Probes.table): the host answers `probes_changed` if it is not the one it uses now.
    table: str | None = field(optional(PROBE_TABLE), default=None)


class StatusRequest(Request):
    type: Literal["status"] = field(one_of("status"))


class CourtChoice(Request):
    """From the options page or the popup: add a court to the user's courts, or take it off."""

    type: Literal["court_choice"] = field(one_of("court_choice"))
    court: str = field(COURT_ID)
    choice: Literal["added", "removed"] = field(one_of("added", "removed"))


class FillRequest(FromPage):
    """The user clicked "Fill CM/ECF login" in the overlay of that tab and frame."""

    type: Literal["fill"] = field(one_of("fill"))


class ActionRequest(FromPage):
    """The user clicked an action button (hard reload, clear the court's data...) in that tab's overlay."""

    type: Literal["action"] = field(one_of("action"))
    action: ActionId = field(ACTION_ID)


class ActionResult(FromPage):
    """The background carried out (or could not carry out) an action the host granted."""

    type: Literal["action_result"] = field(one_of("action_result"))
    action: ActionId = field(ACTION_ID)
    ok: bool = field(boolean())


class Snapshot(FromPage):
    """From the content script of a court or PACER page, when the user asks: the page as the
    browser renders it, already stripped of field values, hidden fields, scripts and URL query
    values (extension/snapshot.js); the host redacts it again and saves it (reports.py)."""

    type: Literal["snapshot"] = field(one_of("snapshot"))
    html: str = field(text(3_000_000, min_length=1), repr=False)
    reason: Literal["unrecognised", "user_report"] = field(one_of("unrecognised", "user_report"))


class CredsSet(Request):
    """From the extension's options page: store or replace a court's CM/ECF login."""

    type: Literal["creds_set"] = field(one_of("creds_set"))
    court: str = field(COURT_ID)
    login: str = field(LOGIN)
    password: str = field(SECRET, repr=False)


class CredsList(Request):
    type: Literal["creds_list"] = field(one_of("creds_list"))


class CredsDelete(Request):
    type: Literal["creds_delete"] = field(one_of("creds_delete"))
    court: str = field(COURT_ID)


class CredsRepair(Request):
    """From the options page: rebuild the damaged index of stored logins from the keyring."""

    type: Literal["creds_repair"] = field(one_of("creds_repair"))


class SettingsGet(Request):
    type: Literal["settings_get"] = field(one_of("settings_get"))


class SettingsSet(Request):
    """From the options page: the user's own PACER username and the shared firm usernames they know."""

    type: Literal["settings_set"] = field(one_of("settings_set"))
    my_pacer_username: str | None = field(optional(PACER_USERNAME), default=None)
    shared_usernames: list[str] = field(list_of(PACER_USERNAME, 200), default=[])
    mfa_ready: bool | None = field(optional(boolean()), default=None)  # None: unchanged


class FirmPolicy(Request):
    """From the extension's background only: the shared firm usernames the firm's browser policy
    (managed storage) sets, sent on each new port; an empty list when there is no policy."""

    type: Literal["policy"] = field(one_of("policy"))
    shared_usernames: list[str] = field(list_of(PACER_USERNAME, 1000), default=[])


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
    reply_to: int | None = field(optional(REQUEST_ID), default=None)


class Pong(Reply):
    type: Literal["pong"] = field(one_of("pong"), default="pong")
    host_version: str = field(text(64))
    protocol_version: int = field(integer(1, 1000), default=PROTOCOL_VERSION)


class Probes(Reply):
    """The DOM facts to measure on that page (see data/pages.json); `watch`: measure again on change;
    `same_for_origin`: this answer holds for every page of the origin while this host runs, so the
    background may keep it and answer the origin's next pages itself (one host round trip a page);
    `table`: which probe table this is (pages.table_id), for the background to keep across hosts."""

    type: Literal["probes"] = field(one_of("probes"), default="probes")
    tab_id: int = field(BROWSER_ID)
    frame_id: int = field(BROWSER_ID)
    court: str | None = field(optional(text(12)))
    probes: dict[str, dict[str, Any]] = field(json_object())
    watch: bool = field(boolean())
    same_for_origin: bool = field(boolean(), default=False)
    table: str | None = field(optional(PROBE_TABLE), default=None)


class Warning(Model):
    code: str = field(NAME)
    message: str = field(TEXT)
    signal: str | None = field(optional(NAME), default=None)  # what fired, for a warning with several possible causes


class Button(Model):
    """The one button the panel offers; with `confirm`, that question is asked first and a second
    click on `confirm_label` is needed."""

    id: ButtonId = field(BUTTON_ID)
    label: str = field(TEXT)
    confirm: str | None = field(optional(TEXT), default=None)
    confirm_label: str | None = field(optional(TEXT), default=None)


class Hint(Reply):
    """What the overlay should show on that tab; `text` None means show nothing.

    `target` names the probe whose first match the overlay points at."""

    type: Literal["hint"] = field(one_of("hint"), default="hint")
    tab_id: int = field(BROWSER_ID)
    frame_id: int = field(BROWSER_ID)
    court: str | None = field(optional(text(12)))
    kind: str = field(one_of(*KINDS), default="unknown")
    prompt: str | None = field(optional(one_of(*PROMPTS)), default=None)  # on a pacer_prompt page: which PACER prompt
    text: str | None = field(optional(TEXT))
    target: str | None = field(optional(NAME), default=None)
    tone: Literal["step", "done", "problem"] = field(one_of("step", "done", "problem"), default="step")
    warnings: list[Warning] = field(list_of(nested(Warning), 16), default=[])
    button: Button | None = field(optional(nested(Button)), default=None)  # the panel's one button, decided here
    note: str | None = field(optional(TEXT), default=None)  # a second line, below the hint
    # Hold this button until the user confirms in the panel; hold the tab's next page from its
    # start until its hint (it may make the link).
    hold: Literal["verify_submit"] | None = field(optional(one_of("verify_submit")), default=None)
    hold_next: bool = field(boolean(), default=False)


class ActionGrant(Reply):
    """The go-ahead for an action on that tab, with the court's hosts it may touch (from the host's
    court table, never from the page)."""

    type: Literal["action_grant"] = field(one_of("action_grant"), default="action_grant")
    tab_id: int = field(BROWSER_ID)
    action: ActionId = field(ACTION_ID)
    hosts: list[str] = field(list_of(text(253), 16), default=[])


class Recorded(Reply):
    """An action's outcome was recorded."""

    type: Literal["recorded"] = field(one_of("recorded"), default="recorded")


class FillCredentials(Reply):
    """The one message that carries a password to the browser: the answer to one fill request."""

    type: Literal["fill_credentials"] = field(one_of("fill_credentials"), default="fill_credentials")
    tab_id: int = field(BROWSER_ID)
    frame_id: int = field(BROWSER_ID)
    login: str = field(LOGIN)
    password: str = field(SECRET, repr=False)


class SnapshotSaved(Reply):
    """A snapshot was redacted and saved in the data folder under `name`."""

    type: Literal["snapshot_saved"] = field(one_of("snapshot_saved"), default="snapshot_saved")
    name: str = field(text(255))
    text: str = field(TEXT)


class StoredLogin(Model):
    court: str = field(text(12))
    name: str = field(text(200))
    login: str = field(text(LOGIN_MAX))
    saved_at: str = field(text(64))


class CredsListing(Reply):
    type: Literal["creds"] = field(one_of("creds"), default="creds")
    entries: list[StoredLogin] = field(list_of(nested(StoredLogin), 1000))
    warnings: list[Warning] = field(list_of(nested(Warning), 16), default=[])


class ReadinessPoint(Model):
    id: str = field(text(64))
    ok: bool | None = field(optional(boolean()))
    text: str = field(TEXT)


class CourtStatus(Model):
    """One court for the popup and the options page (yourcourts.CourtEntry)."""

    id: str = field(text(12))
    name: str = field(text(200))
    type: str = field(text(32))
    state: str = field(one_of("not_started", "in_progress", "linked", "needs_attention"))
    state_name: str = field(text(64))
    yours: bool = field(boolean(), default=False)
    reasons: list[str] = field(list_of(one_of("login", "visited", "added"), 3), default=[])
    nextgen: bool | None = field(optional(boolean()), default=None)
    release: str | None = field(optional(text(64)), default=None)
    help_desk: list[str] = field(list_of(text(200), 16), default=[])
    info_url: str | None = field(optional(text(2048)), default=None)
    next_action: str = field(TEXT)
    readiness: list[ReadinessPoint] = field(
        list_of(nested(ReadinessPoint), 16), default=[]
    )  # your courts not yet linked
    updated_at: str | None = field(optional(text(64)), default=None)
    linked_at: str | None = field(optional(text(64)), default=None)


class Status(Reply):
    """Every court ecflink guides, yours first, with its state and PACER's facts, for the popup."""

    type: Literal["status"] = field(one_of("status"), default="status")
    data_date: str = field(text(64))
    courts: list[CourtStatus] = field(list_of(nested(CourtStatus), 1000))
    warnings: list[Warning] = field(list_of(nested(Warning), 16), default=[])


class Error(Reply):
    type: Literal["error"] = field(one_of("error"), default="error")
    code: ErrorCode = field(ERROR_CODE)
    message: str = field(TEXT)


class SettingsReply(Reply):
    type: Literal["settings"] = field(one_of("settings"), default="settings")
    my_pacer_username: str | None = field(optional(text(64)))
    shared_usernames: list[str] = field(list_of(text(64), 1000))
    firm_shared_usernames: list[str] = field(list_of(text(64), 1000), default=[])  # set by the firm's policy; read-only
    mfa_ready: bool = field(boolean(), default=False)


def _request_id(raw: dict[str, Any]) -> int | None:
    value = raw.get("id")
    return value if type(value) is int and 0 <= value <= 2**53 - 1 else None


def _summarise(exc: Invalid) -> str:
    """Field locations and reasons only: never the offending input, which may be sensitive."""
    parts = [f"{where[:80]}: {why[:200]}" for where, why in exc.problems[:5]]  # a field name may be the sender's
    more = len(exc.problems) - len(parts)
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
        return model.validate(raw)
    except Invalid as exc:
        return Error(reply_to=reply_to, code="invalid_message", message=f"invalid {kind} message: {_summarise(exc)}")
