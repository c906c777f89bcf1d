"""Every page state of the simulated court as HTML, rendered straight from the sim app (no browser),
with the page kind ecflink must name for it. The CSO login's AJAX states are produced by applying
to the served page what its script does (show the dialog, show the MFA panel, add an error)."""

from __future__ import annotations

import re
from email.message import Message
from pathlib import Path

from ecflink.practice.sim.court import COURTS, CSO_HOST, SimulatedCourts
from ecflink.practice.sim.network import Request

OWN_FIXTURES = Path(__file__).parent / "fixtures"
CSO_URL = f"https://{CSO_HOST}/csologin/login.jsf?pscCourtId=TXWDC&appurl=https%3A%2F%2Fecf.txwd.uscourts.gov%2F"


def _get(world: SimulatedCourts, url: str, cookie: str = "", method: str = "GET", body: str = "") -> str:
    host, _, path = url.removeprefix("https://").partition("/")
    headers = Message()
    if cookie:
        headers["Cookie"] = cookie
    response = world.app(Request(method, "https", host, "/" + path, headers, body.encode()))
    assert response.status == 200, (url, response.status)
    return response.body.decode()


def show_dialog(html: str, dialog_id: str) -> str:
    """The page after its script showed a dialog, as PrimeFaces does: an inline display:block."""
    tag = re.search(rf'<div id="{dialog_id}" [^>]*>', html).group(0)
    shown = tag.replace(f'<div id="{dialog_id}" ', f'<div id="{dialog_id}" style="display: block;" ')
    return html.replace(tag, shown.replace('aria-hidden="true"', 'aria-hidden="false"'))


def _cso_states(html: str) -> dict[str, str]:
    error = '<div class="ui-messages-error ui-corner-all"><span class="ui-messages-error-summary">{}</span></div>'
    messages = '<div id="loginForm:pclLoginMessages" class="ui-messages ui-widget" aria-live="polite">'
    mfa_messages = '<div id="mfaForm:mfaMessages" class="ui-messages ui-widget" aria-live="polite">'
    login_panel, mfa_panel = (
        '<div id="pscLoginPanel" class="ui-panel ui-widget">',
        '<div id="mfaPanel" class="ui-panel ui-widget ui-helper-hidden">',
    )
    skip = re.search(r'<button id="frmUserUpdate:bpmSkip".*?</button>', html, re.DOTALL).group(0)
    assert all(part in html for part in (login_panel, mfa_panel, messages, mfa_messages))
    on_mfa = html.replace(mfa_panel, mfa_panel.replace(" ui-helper-hidden", "")).replace(
        login_panel, login_panel.replace('ui-widget"', 'ui-widget ui-helper-hidden"')
    )
    enrolment = show_dialog(html, "userUpdateDlg").replace('skipsLeft">0<', 'skipsLeft">2<')
    return {
        "cso_login": html,
        "cso_login_rejected": html.replace(messages, messages + error.format("Invalid username or password")),
        "cso_legacy_username": html.replace(messages, messages + error.format("Invalid username or password")).replace(
            'name="loginForm:loginName" type="text"', 'name="loginForm:loginName" type="text" value="jd1234"'
        ),
        "cso_redaction": show_dialog(html, "redactionConfirmation"),
        "cso_mfa": on_mfa,
        "cso_mfa_rejected": on_mfa.replace(
            mfa_messages, mfa_messages + error.format("The verification code is not valid.")
        ),
        "cso_mfa_enrolment": enrolment,
        "cso_mfa_enrolment_no_skip": enrolment.replace(skip, ""),
    }


def sim_pages() -> list[tuple[str, str, str, str]]:
    """(name, url, html, expected page kind) for every state of every simulated court."""
    world = SimulatedCourts.with_demo_accounts()
    world.sessions["tok"] = "jdoe2024"
    cookie = "NextGenCSO=tok"
    pages = [
        (name, CSO_URL, html, kind)
        for (name, html), kind in zip(
            _cso_states(_get(world, CSO_URL)).items(),
            [
                "pacer_login",
                "pacer_login",
                "pacer_login",
                "redaction_notice",
                "mfa",
                "mfa",
                "pacer_prompt",
                "pacer_prompt",
            ],
        )
    ]
    for court in COURTS.values():
        base = f"https://ecf.{court.id}.uscourts.gov"
        form = f"{base}{court.link_path}"
        account = next(a for a in world.ecf.values() if a.court == court.id and a.name == "Jane Doe")
        pages += [
            (f"{court.id}_home", f"{base}/", _get(world, f"{base}/"), "court_home"),
            (
                f"{court.id}_unlinked",
                f"{base}/cgi-bin/showpage.pl?16",
                _get(world, f"{base}/cgi-bin/showpage.pl?16", cookie),
                "ecf_unlinked",
            ),
            (
                f"{court.id}_utilities",
                f"{base}/cgi-bin/DisplayMenu.pl?Utilities",
                _get(world, f"{base}/cgi-bin/DisplayMenu.pl?Utilities", cookie),
                "utilities",
            ),
            (f"{court.id}_link_form", form, _get(world, form, cookie), "link_form"),
            (
                f"{court.id}_link_rejected",
                form,
                _get(world, form, cookie, "POST", f"ecf_login={account.login}&ecf_password=wrong"),
                "link_form",
            ),
            (
                f"{court.id}_verify",
                form,
                _get(world, form, cookie, "POST", f"ecf_login={account.login}&ecf_password={account.password}"),
                "link_verify",
            ),
        ]
        token = next(iter(world.pending))
        pages.append(
            (
                f"{court.id}_done",
                f"{form}?verify",
                _get(world, f"{form}?verify", cookie, "POST", f"token={token}"),
                "link_done",
            )
        )
        pages.append(
            (
                f"{court.id}_linked",
                f"{base}/cgi-bin/DisplayMenu.pl?Reports",
                _get(world, f"{base}/cgi-bin/DisplayMenu.pl?Reports", cookie),
                "ecf_linked",
            )
        )
    world = SimulatedCourts.with_demo_accounts()  # not linked anywhere yet
    world.sessions["tok"] = "jdoe2024"
    # Jane Doe's CM/ECF account about to be linked to a firm's PACER account, and to Richard Roe's.
    for pacer, court, form in (
        ("smithlaw1", "txwd", "LinkAcct.pl?jdoe&Ecf-Txwd-1"),
        ("rroe2019", "ilnd", "PacerLinkAcct.pl?janedoe&Ecf-Ilnd-1"),
    ):
        world.sessions[pacer] = pacer
        path, _, creds = form.partition("?")
        login, _, password = creds.partition("&")
        url = f"https://ecf.{court}.uscourts.gov/cgi-bin/{path}"
        pages.append(
            (
                f"{court}_verify_{pacer}",
                url,
                _get(world, url, f"NextGenCSO={pacer}", "POST", f"ecf_login={login}&ecf_password={password}"),
                "link_verify",
            )
        )
    txwd = "https://ecf.txwd.uscourts.gov/cgi-bin/LinkAcct.pl"
    pages += [
        (
            "txwd_already_linked",
            txwd,
            _get(world, txwd, cookie, "POST", "ecf_login=rroe&ecf_password=Ecf-Roe-1"),
            "link_form",
        ),
        (
            "txwd_special_characters",
            txwd,
            _get(world, txwd, cookie, "POST", "ecf_login=doe%26co&ecf_password=x"),
            "link_form",
        ),
    ]
    return pages


def own_fixtures() -> list[tuple[str, str, str, str]]:
    """Hand-written pages for markup the simulated court does not produce: (name, url, html, kind)."""
    found = []
    for path in sorted(OWN_FIXTURES.glob("*.html")):
        html = path.read_text()
        meta = dict(line.split(": ", 1) for line in html.split("-->")[0].removeprefix("<!--").strip().splitlines())
        found.append((path.stem, meta["url"], html, meta["kind"]))
    return found
