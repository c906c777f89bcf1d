"""Turns one decoded request into one reply. Never raises: every failure becomes an error reply."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from pydantic import SecretStr

from ecflink import __version__, courtdata, pages, readiness, settings
from ecflink.accounts import KnownAccounts, OtherLink, verify_accounts
from ecflink.courts import Court, all_courts, court_for, ecf_court, system_of
from ecflink.credentials import CredentialError, CredentialStore, unlinkable_characters
from ecflink.guide import Advice, PageContext, advise, button, snapshot_offer, texts
from ecflink.logs import LOG as log
from ecflink.logs import failure
from ecflink.messages import (
    ActionGrant,
    ActionRequest,
    ActionResult,
    Button,
    CourtChoice,
    CourtElsewhere,
    CourtStatus,
    CredsDelete,
    CredsList,
    CredsListing,
    CredsRepair,
    CredsSet,
    Error,
    FillCredentials,
    FillRequest,
    FirmPolicy,
    FromPage,
    Hint,
    PageFacts,
    PageReport,
    Ping,
    Pong,
    Probes,
    ReadinessPoint,
    Recorded,
    Reply,
    Request,
    SettingsGet,
    SettingsReply,
    SettingsSet,
    Snapshot,
    SnapshotSaved,
    Status,
    StatusRequest,
    StoredLogin,
    TargetClicked,
    Warning,
    parse_request,
)
from ecflink.paths import data_dir, in_data_dir
from ecflink.progress import LINK_STATES, CourtProgress, ProgressStore
from ecflink.tabs import TabMemory
from ecflink.troubleshoot import ACTIONS, LOGIN_KINDS, Fix, after_page, current_step
from ecflink.yourcourts import entries, stored_logins

PORT_IDLE_S = 600
_store: ProgressStore | None = None
tabs = TabMemory()  # what the host remembers about the browser's tabs (tabs.py)


def credentials() -> CredentialStore:
    """The CM/ECF logins: an index in the data folder, secrets in the OS keyring (imported on use)."""
    return CredentialStore(in_data_dir("credentials.json"))


def progress() -> ProgressStore:
    """The progress store, opened on first use (not on the host's start-up path)."""
    global _store
    if _store is None:
        _store = ProgressStore(in_data_dir("progress.sqlite3"))
    return _store


def _with_progress(action: Callable[[ProgressStore], Any]) -> Any:
    """Use the progress store; if it cannot be used, say so in the log and go on without it (None)."""
    try:
        return action(progress())
    except (sqlite3.Error, OSError, RuntimeError) as exc:
        log.error("progress store unavailable (%s: %s); guiding without it", type(exc).__name__, exc)
        return None


def warm_up() -> None:
    """Open what a court page's first report needs (the progress store, PACER's court list). The
    host calls it once it has answered its port's first message (the policy, sent as a court page
    starts loading), while the browser loads and measures the page; whatever fails here is left for
    the report to meet and log."""
    _with_progress(lambda store: None)
    try:
        courtdata.current()
    except (courtdata.FeedError, OSError):
        pass


def _origin_of(url: str) -> str | None:
    try:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None
    except ValueError:
        return None


def _trusted_url(report: FromPage) -> str | None:
    """The page URL, if the browser-attested origin agrees with it (not about:blank, not sandboxed)."""
    return report.url if _origin_of(report.url) == report.origin else None


def _court_page(request: FromPage) -> tuple[str | None, Court | None]:
    """The trusted URL of the requesting page, and the court whose CM/ECF site it is on (if any)."""
    url = _trusted_url(request)
    return url, ecf_court(url) if url else None


def answer_page(report: PageReport) -> Probes | Hint:
    """A page loaded: the probes to measure on it, or an empty hint for a page ecflink never guides."""
    url = _trusted_url(report)
    court = court_for(url) if url else None
    probes = pages.probes_for(url) if url else {}
    court_id = court.id if court else None
    tabs.page_loaded(report.tab_id, report.frame_id, url)
    if not probes or url is None:
        log.info("page report from tab %d: court %s kind unknown", report.tab_id, court_id or "none")
        return Hint(reply_to=report.id, tab_id=report.tab_id, frame_id=report.frame_id, court=court_id, text=None)
    # The probes and the watch follow from the site alone, which the origin decides (pages.site_of).
    return Probes(
        reply_to=report.id,
        tab_id=report.tab_id,
        frame_id=report.frame_id,
        court=court_id,
        probes=probes,
        watch=pages.watched(url),
        same_for_origin=True,
        table=pages.table_id(url),
    )


def answer_facts(report: PageFacts) -> Hint | Error:
    """Classify the page from its facts, record progress, and say the next step; nothing, if they were
    measured with a probe table this host does not use (kept by the background from an older host)."""
    url = _trusted_url(report)
    if report.table is not None and report.table != (pages.table_id(url) if url else None):
        log.info("page report from tab %d measured with probe table %s: asked again", report.tab_id, report.table)
        return Error(reply_to=report.id, code="probes_changed", message="measured with another probe table")
    court = court_for(url) if url else None
    page = pages.classify(url, report.facts) if url else pages.UNKNOWN
    kind = page.kind
    if report.first:  # the background may have answered this page's own report from what it kept
        tabs.page_loaded(report.tab_id, report.frame_id, url)
    state = linked_on = previous = None
    linked_before = False
    # The same document reporting again (its facts changed, the kind did not) is not a new step.
    again = tabs.page_seen(report.tab_id, report.frame_id, url, kind)
    if court and kind != "unknown":
        noted = _with_progress(lambda store: _note_page(store, court.id, kind, again))
        before, record = noted or (None, None)
        if record:
            state, linked_on = record.state, record.linked_at[:10] if record.linked_at else None
        found = None if again else before is not None and before.state == "linked"
        linked_before = tabs.linked_before(report.tab_id, report.frame_id, url, found)
        previous = tabs.step(court.id, report.tab_id, kind)
    facts = ",".join(f"{name}={count}" for name, count in sorted(report.facts.items()))
    log.info(
        "page report from tab %d: court %s kind %s rule %s facts %s",
        report.tab_id,
        court.id if court else "none",
        kind,
        page.rule or "none",
        facts,
    )
    username = report.texts.get("login_username", "").strip()
    if court and username and kind in ("redaction_notice", "mfa", "pacer_prompt"):  # PACER accepted this username
        _with_progress(lambda store: store.note_pacer_username(court.id, username))
    # Who is signing in on this tab: read once PACER accepted it, kept for the prompts that hide the field.
    signing_in = tabs.username(report.tab_id, kind, username) if kind in LOGIN_KINDS else ""
    skips = (
        (_with_progress(lambda store: store.skips(signing_in)) or {}) if kind == "pacer_prompt" and signing_in else {}
    )
    if court and kind == "link_verify":
        _note_verified_accounts(court.id, report.texts)
    rung = _ladder(court.id, kind, state) if court else None
    ready = _readiness(court, state) if court and kind == "court_home" else ()
    if kind == "unknown" and url and pages.offers_snapshot(url, report.facts):
        advice = snapshot_offer()
    else:
        context = PageContext(
            court,
            report.facts,
            state=state,
            previous=previous,
            linked_on=linked_on,
            linked_before=linked_before,
            listed=report.texts,
            known=_known_accounts(kind, court, report.texts),
            rung=rung,
            rule=page.rule,
            prompt=page.prompt,
            readiness=ready,
            skips=skips,
        )
        advice = advise(kind, context)
    button, note = _button_and_note(kind, court, advice)
    tabs.offer(report.tab_id, url, button["id"] if button else None)
    # A Skip is counted only for a known username, and only on the page whose hint asked for it.
    counted = advice.counts if advice.text is not None and advice.target and signing_in else None
    tabs.watch(report.tab_id, url, counted, signing_in)
    return Hint(
        reply_to=report.id,
        tab_id=report.tab_id,
        frame_id=report.frame_id,
        court=court.id if court else None,
        kind=kind,
        prompt=page.prompt,
        text=advice.text,
        target=advice.target,
        tone=advice.tone,
        warnings=[Warning(**w) for w in advice.warnings],
        button=Button(**button) if button else None,
        note=note,
        hold=advice.hold,
        hold_next=kind == "link_form" and court is not None,
        report_click=counted is not None,
    )


def _note_page(
    store: ProgressStore, court_id: str, kind: str, again: bool
) -> tuple[CourtProgress | None, CourtProgress | None]:
    """The court's progress before this page, and after it is recorded (a report again of the same
    document records nothing); None for a court with no progress."""
    if again:
        before = store.get(court_id)
        return before, before
    return store.record_page(court_id, kind)


def _button_and_note(kind: str, court: Court | None, advice: Advice) -> tuple[dict | None, str | None]:
    """The panel's one button and its second line: the guide's button for the step; else, where
    Submit is held, the confirmation; else, on the link form, Fill when a login is stored (and,
    when none is, how to store one)."""
    if advice.text is None:
        return None, None
    if advice.button:
        return advice.button, advice.note
    if advice.hold:
        return button("confirm_own_accounts"), advice.note
    if kind != "link_form" or court is None:
        return None, advice.note
    try:
        stored = credentials().has(court.id)
    except CredentialError as exc:  # a damaged index: the step is still shown, with what to do
        return None, exc.message
    return (button("fill"), None) if stored else (None, texts()["fill"]["missing"])


def _ladder(court_id: str, kind: str, state: str | None) -> str | None:
    """Record this page on the court's troubleshooting ladder (troubleshoot.py); on a linked
    court's page without filing menus, the rung to show."""
    stuck = kind == "ecf_unlinked" and state in LINK_STATES
    if not stuck and kind not in ("link_done", "ecf_linked", *LOGIN_KINDS):
        return None

    def step(store: ProgressStore) -> str | None:
        history = store.fixes(court_id)
        new = after_page(history, kind, stuck)
        if new:
            store.add_fixes(court_id, new)
            log.info("troubleshooting %s: %s", court_id, ", ".join(f"{f.step} {f.outcome}" for f in new))
        return current_step(history + new) if stuck else None

    return _with_progress(step)


def answer_action(request: ActionRequest) -> ActionGrant | Error:
    """The user clicked an action button: granted only if the host offered exactly that action on
    this tab's current page; the hosts it may touch come from the court table."""
    url, court = _court_page(request)
    offered = tabs.offers(request.tab_id, url, request.action)
    if court is None or not court.guided or request.frame_id != 0 or not offered:
        log.warning("action %s refused for tab %d", request.action, request.tab_id)
        return Error(reply_to=request.id, code="action_refused", message="ecflink did not offer that here.")
    tabs.grant(request.tab_id, url, request.action)
    if request.action == "says_linked":
        _with_progress(lambda store: store.record(court.id, "user_says_linked"))
    log.info("action %s granted for %s on tab %d", request.action, court.id, request.tab_id)
    hosts = [court.ecf_host] if request.action == "clear_court_data" else []
    return ActionGrant(reply_to=request.id, tab_id=request.tab_id, action=request.action, hosts=hosts)


def answer_action_result(request: ActionResult) -> Recorded | Error:
    """What became of a granted action, kept as the outcome of that troubleshooting step."""
    url, court = _court_page(request)
    if court is None or not tabs.take_grant(request.tab_id, url, request.action):
        return Error(reply_to=request.id, code="action_refused", message="no such action was granted here.")
    if request.action in ACTIONS:
        outcome = "done" if request.ok else "failed"
        _with_progress(lambda store: store.add_fixes(court.id, [Fix(request.action, outcome)]))
        log.info("troubleshooting %s: %s %s", court.id, request.action, outcome)
    return Recorded(reply_to=request.id)


def answer_target_clicked(request: TargetClicked) -> Recorded | Error:
    """The user clicked the target of a hint that asked to be told: on PACER's prompts, a Skip,
    counted for the username signing in (progress.note_skip). Once per hint given."""
    taken = tabs.take_click(request.tab_id, _trusted_url(request)) if request.frame_id == 0 else None
    if taken is None:
        return Error(reply_to=request.id, code="action_refused", message="no click was asked for on this page.")
    prompt, username = taken
    count = _with_progress(lambda store: store.note_skip(username, prompt))
    log.info("a Skip on PACER's %s prompt: %s seen here for that account", prompt, count)
    return Recorded(reply_to=request.id)


def _note_verified_accounts(court_id: str, listed: dict[str, str]) -> None:
    """The PACER username and CM/ECF holder the verify page lists, kept for this court."""
    pacer, cmecf = verify_accounts(listed)
    if pacer and pacer.user and cmecf and cmecf.name:
        _with_progress(lambda store: store.note_link_accounts(court_id, pacer.user, cmecf.name))


def _known_accounts(kind: str, court: Court | None, listed: dict[str, str]) -> KnownAccounts:
    """The user's and the firm's PACER settings, and on the verify page the links made in this
    profile for other courts; read only when the page shows a username or accounts to check."""
    if not (listed.get("login_username") or listed.get("receipt_pacer_login") or kind == "link_verify"):
        return KnownAccounts()
    try:
        known = settings.load()
    except (OSError, ValueError) as exc:
        log.error("settings unreadable (%s); checking PACER usernames without them", type(exc).__name__)
        known = settings.Settings()
    links: tuple[OtherLink, ...] = ()
    if kind == "link_verify" and court is not None:
        names = all_courts()
        links = tuple(
            OtherLink(names[p.court_id].name, p.pacer_username, p.cmecf_holder)
            for p in _with_progress(lambda store: store.all()) or []
            if p.court_id != court.id
            and p.state in LINK_STATES
            and p.pacer_username
            and p.cmecf_holder
            and p.court_id in names
        )
    return known.known_accounts(links)


def answer_fill(request: FillRequest) -> FillCredentials | Error:
    """Release a court's CM/ECF login for one click on "Fill", only for the link form ecflink
    recognised on exactly this tab and frame, at this exact https court address."""
    url, court = _court_page(request)

    def refuse(reason: str) -> Error:
        log.warning("fill refused for tab %d frame %d: %s", request.tab_id, request.frame_id, reason)
        return Error(reply_to=request.id, code="fill_refused", message=texts()["fill"]["refused"].format(reason=reason))

    if court is None or not court.guided:
        return refuse("this is not a court's CM/ECF site.")
    if request.frame_id != 0:
        return refuse("ecflink fills only the page itself, never a frame inside it.")
    if tabs.page(request.tab_id) != (url, "link_form"):
        return refuse("this page is not the CM/ECF link form ecflink recognised in this tab.")
    try:
        found = credentials().get(court.id)
    except CredentialError as exc:
        return Error(reply_to=request.id, code=exc.code, message=exc.message)
    log.info("fill: released the %s CM/ECF login to tab %d", court.id, request.tab_id)
    return FillCredentials(
        reply_to=request.id, tab_id=request.tab_id, frame_id=0, login=found.login, password=SecretStr(found.password)
    )


def answer_snapshot(request: Snapshot) -> SnapshotSaved | Error:
    """Save a redacted snapshot of a court or PACER page the user asked to keep (reports.py); the
    names and usernames ecflink knows are replaced in it."""
    from ecflink import reports  # parses HTML: imported on first use, not at the host's start

    url = _trusted_url(request)
    if url is None or pages.site_of(url) is None or request.frame_id != 0:
        log.warning("snapshot refused for tab %d", request.tab_id)
        reason = "ecflink keeps snapshots of court and PACER pages only."
        return Error(
            reply_to=request.id, code="snapshot_refused", message=texts()["snapshot"]["refused"].format(reason=reason)
        )
    court = court_for(url)
    seen = tabs.page(request.tab_id)
    kind = seen[1] if seen and seen[0] == url else "unknown"
    report = reports.save(
        data_dir(),
        request.html,
        url,
        {"court": court.id if court else None, "kind": kind, "reason": request.reason},
        _known_names(),
    )
    log.info("snapshot saved: %s (%d bytes)", report.name, report.path.stat().st_size)
    return SnapshotSaved(
        reply_to=request.id, name=report.name, text=texts()["snapshot"]["saved"].format(name=report.name)
    )


def _known_names() -> list[str]:
    """Every name and username ecflink keeps: the user's and the firm's PACER usernames, each
    court's PACER username and CM/ECF account holder, and the stored CM/ECF logins (never a secret)."""
    names: list[str] = []
    try:
        known = settings.load()
        names += [known.my_pacer_username or "", *known.shared_usernames, *known.firm_shared_usernames]
    except (OSError, ValueError):
        pass
    for court in _with_progress(lambda store: store.all()) or []:
        names += [court.pacer_username or "", court.cmecf_holder or ""]
    try:
        names += [entry["login"] for entry in credentials().list()]
    except (OSError, ValueError, CredentialError):
        pass
    return [name for name in names if name]


def _listing(reply_to: int | None, warnings: list[dict] | None = None) -> CredsListing:
    courts = all_courts()
    entries = [
        StoredLogin(court=e["court"], name=courts[e["court"]].name, login=e["login"], saved_at=e["saved_at"])
        for e in credentials().list()
    ]
    return CredsListing(reply_to=reply_to, entries=entries, warnings=[Warning(**w) for w in warnings or []])


def _credential_call(request: Request, action) -> CredsListing | Error:
    try:
        warnings = action()
    except CredentialError as exc:
        return Error(reply_to=request.id, code=exc.code, message=exc.message)
    return _listing(request.id, warnings)


def answer_creds_set(request: CredsSet) -> CredsListing | Error:
    def save() -> list[dict]:
        credentials().set(request.court, request.login, request.password.get_secret_value())
        code = "login_special_characters"
        return [{"code": code, "message": texts()["warnings"][code]}] if unlinkable_characters(request.login) else []

    return _credential_call(request, save)


def answer_creds_list(request: CredsList) -> CredsListing | Error:
    return _credential_call(request, lambda: [])


def answer_creds_delete(request: CredsDelete) -> CredsListing | Error:
    def delete() -> list[dict]:
        credentials().delete(request.court)
        return []

    return _credential_call(request, delete)


def answer_creds_repair(request: CredsRepair) -> CredsListing | Error:
    def repair() -> list[dict]:
        found = credentials().repair()
        log.info("credentials index repaired: %d courts found in the keyring", len(found))
        return []

    return _credential_call(request, repair)


def _readiness(court: Court, state: str | None) -> tuple:
    """The readiness check (readiness.py) shown on a court's home page: for linking `court` unless it
    is linked (PACER's court list, the settings, the credentials index), then the PACER account's;
    nothing when those cannot be read."""
    known = settings.load()
    found = _account_readiness(known)
    if state in LINK_STATES:
        return found
    logins, problem = stored_logins(credentials())
    if problem:
        log.error("readiness check skipped: the credentials index is damaged")
        return ()
    try:
        data = courtdata.current()
    except (courtdata.FeedError, OSError) as exc:  # the shipped list itself unreadable: a damaged install
        log.error("readiness check skipped: %s", failure(exc))
        return ()
    for_court = readiness.check(court, data.courts.get(court.pacer_code), data.date, known, logins.get(court.id))
    return (*for_court, *found)


def _account_readiness(known: settings.Settings) -> tuple:
    """The PACER account's readiness points; without the Skips seen when the progress store cannot be read."""
    found = _with_progress(lambda store: readiness.own_account(known, store))
    return tuple(found if found is not None else readiness.account(known, {}))


def answer_status(request: StatusRequest | CourtChoice) -> Status | Error:
    """Every guided court for the popup and the options page, yours first (yourcourts.py); the PACER
    account's readiness; and the courts that open new cases outside CM/ECF (`elsewhere`)."""
    if isinstance(request, CourtChoice):
        if request.court not in all_courts() or not all_courts()[request.court].guided:
            return Error(
                reply_to=request.id, code="unknown_court", message=f"ecflink does not guide a court {request.court!r}"
            )
        progress().choose(request.court, request.choice)
    data = courtdata.current()
    logins, problem = stored_logins(credentials())
    known = settings.load()
    names = texts()["courts"]["states"]
    courts = []
    for entry in entries(progress(), logins, data):
        points = []
        if entry.yours and entry.state != "linked":
            found = readiness.check(entry.court, entry.info, data.date, known, entry.login)
            points = [ReadinessPoint(id=p.id, ok=p.ok, text=p.text) for p in found]
        record = entry.progress
        courts.append(
            CourtStatus(
                id=entry.court.id,
                name=entry.court.name,
                type=entry.court.type,
                state=entry.state,
                state_name=names[entry.state],
                yours=entry.yours,
                reasons=list(entry.reasons),
                nextgen=entry.info.nextgen if entry.info else None,
                release=entry.info.release if entry.info else None,
                help_desk=list(entry.info.help_desk) if entry.info else [],
                info_url=entry.info.web_url if entry.info else None,
                next_action=entry.next_action,
                readiness=points,
                updated_at=record.updated_at if record else None,
                linked_at=record.linked_at if record else None,
            )
        )
    warnings = [Warning(code="index_damaged", message=problem)] if problem else []
    account = [ReadinessPoint(id=p.id, ok=p.ok, text=p.text) for p in _account_readiness(known)]
    elsewhere = [
        CourtElsewhere(id=court.id, name=court.name, system="acms", note=system.note)
        for court in all_courts().values()
        if (system := system_of(court)).name == "acms" and system.note
    ]
    return Status(
        reply_to=request.id,
        data_date=data.date,
        courts=courts,
        account=account,
        elsewhere=elsewhere,
        warnings=warnings,
    )


def answer_settings(request: SettingsGet | SettingsSet | FirmPolicy) -> SettingsReply:
    if isinstance(request, SettingsSet):
        said = {name: getattr(request, name) for name in settings.ACCOUNT_FIELDS}
        before = settings.load().password_changed_on
        known = settings.save_own(request.my_pacer_username, list(request.shared_usernames), **said)
        mine = (known.my_pacer_username or "").strip()
        if mine and known.password_changed_on != before:  # your new password: its notice counts again
            _with_progress(lambda store: store.forget_skips(mine, "password_update"))
    elif isinstance(request, FirmPolicy):
        known = settings.save_firm(list(request.shared_usernames))
        log.info("firm policy: %d shared PACER usernames", len(known.firm_shared_usernames))
    else:
        known = settings.load()
    return SettingsReply(
        reply_to=request.id,
        my_pacer_username=known.my_pacer_username,
        shared_usernames=known.shared_usernames,
        firm_shared_usernames=known.firm_shared_usernames,
        mfa_ready=known.mfa_ready,
        backup_codes_saved=known.backup_codes_saved,
        email_checked=known.email_checked,
        password_changed_on=known.password_changed_on,
        port_idle_s=port_idle_s() if isinstance(request, FirmPolicy) else None,
    )


def port_idle_s() -> int:
    """How long the background keeps the port, and so this process, with no court or PACER page
    open: 10 minutes, or `ECFLINK_PORT_IDLE_S` (the practice world's tests shorten it)."""
    value = os.environ.get("ECFLINK_PORT_IDLE_S", "")
    return int(value) if value.isdigit() and 1 <= int(value) <= 86_400 else PORT_IDLE_S


def answer_ping(ping: Ping) -> Pong:
    return Pong(reply_to=ping.id, host_version=__version__)


HANDLERS: dict[type[Request], Callable[[Any], Reply]] = {
    Ping: answer_ping,
    PageReport: answer_page,
    PageFacts: answer_facts,
    StatusRequest: answer_status,
    CourtChoice: answer_status,
    FillRequest: answer_fill,
    CredsSet: answer_creds_set,
    CredsList: answer_creds_list,
    CredsDelete: answer_creds_delete,
    CredsRepair: answer_creds_repair,
    SettingsGet: answer_settings,
    SettingsSet: answer_settings,
    FirmPolicy: answer_settings,
    ActionRequest: answer_action,
    ActionResult: answer_action_result,
    TargetClicked: answer_target_clicked,
    Snapshot: answer_snapshot,
}


def answer(raw: dict[str, Any]) -> Reply:
    """The reply to one decoded message."""
    request = parse_request(raw)
    if isinstance(request, Error):
        return request
    try:
        return HANDLERS[type(request)](request)
    except Exception as exc:  # a bug must cost one reply, never the host
        log.error("handler for %s failed: %s", type(request).__name__, failure(exc))
        return Error(
            reply_to=request.id, code="internal_error", message="ecflink hit an internal error; see the host log"
        )
