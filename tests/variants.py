"""Layout variants of every page kind: the same step drawn as other courts and other PACER releases
might draw it. Wrappers, table / definition list / div / label layouts, labels outside the form,
case, whitespace and &nbsp;, the other steps' dialogs present but hidden, and decoys. The page kind
must not change across a page's variants, in Python (tests/unit/test_variants.py) and in both
browsers (tests/e2e/test_agreement.py).

None of this copies a real page: the link form, the verify page, the confirmation and PACER's
prompts have never been published, so these are guesses on purpose unlike the simulated court's.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import cycle

CSO = "https://pacer.login.uscourts.gov/csologin/login.jsf?pscCourtId={code}&appurl=https%3A%2F%2Fecf.{court}.uscourts.gov%2F"
COURTS = (
    ("txwd", "TXWDC", "Western District of Texas"),
    ("nysb", "NYSBK", "Southern District of New York"),
    ("cand", "CANDC", "Northern District of California"),
    ("mnd", "MNDC", "District of Minnesota"),
    ("cacb", "CACBK", "Central District of California"),
)
FILER_MENUS = {
    "txwd": ("CivilEvents", "CriminalEvents"),
    "cand": ("CivilEvents", "CriminalEvents"),
    "mnd": ("CivilEvents", "CriminalEvents"),
    "nysb": ("BankruptcyEvents", "AdversaryEvents"),
    "cacb": ("BankruptcyEvents", "AdversaryEvents"),
}


@dataclass(frozen=True)
class Variant:
    name: str  # "<kind>/<what varies>"
    url: str
    html: str
    kind: str
    rule: str | None = None  # the pages.json rule that must name it, where it matters


# -- how words are written ------------------------------------------------------------------------


def as_written(words: str) -> str:
    return words


def upper(words: str) -> str:
    return words.upper()


def title(words: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in words.split(" "))


def nbsp(words: str) -> str:
    return words.replace(" ", "&nbsp;")


def spread(words: str) -> str:
    return words.replace(" ", " \n\t  ")


WORDINGS = (as_written, upper, title, nbsp, spread)


# -- wrappers around a page's main content ----------------------------------------------------------


def bare(html: str) -> str:
    return html


def in_table(html: str) -> str:
    return f'<table width="100%" border="0"><tr><td valign="top">{html}</td></tr></table>'


def in_divs(html: str) -> str:
    return f'<div class="container"><div class="row"><div class="col-md-8 content">{html}</div></div></div>'


def in_center(html: str) -> str:
    return f'<center><font face="Arial" size="2">{html}</font></center>'


WRAPPERS = (bare, in_table, in_divs, in_center)


# -- page shells ------------------------------------------------------------------------------------


def ecf_page(court: str, content: str, filer: bool = False) -> str:
    """A CM/ECF page: the YUI menu bar (filing menus only with `filer`) and the main content."""
    number = "4802715" if filer else "-1"
    items = (
        [
            f'<li class="yuimenubaritem"><a class="yuimenubaritemlabel" href="/cgi-bin/DisplayMenu.pl?{m}">{m[:-6]}'
            f"</a></li>"
            for m in FILER_MENUS[court]
        ]
        if filer
        else []
    )
    items += [
        f'<li class="yuimenubaritem"><a class="yuimenubaritemlabel" href="{href}">{label}</a></li>'
        for href, label in (
            ("/cgi-bin/iquery.pl", "<u>Q</u>uery"),
            (f"/cgi-bin/DisplayMenu.pl?Reports&amp;id={number}", "<u>R</u>eports"),
            (f"/cgi-bin/DisplayMenu.pl?Utilities&amp;id={number}", "<u>U</u>tilities"),
            ("/cgi-bin/login.pl?logout", "Log Out"),
        )
    ]
    return (
        "<!DOCTYPE html><html><head><title>CM/ECF - U.S. Court (NextGen 1.7 - LIVE)</title>"
        f'</head><body><script type="text/javascript" src="/cgi-bin/menu.pl?id={number}"></script>'
        '<div class="noprint"><div id="topmenu" class="yuimenubar"><div class="bd">'
        f'<ul class="first-of-type">{"".join(items)}</ul></div></div></div>'
        f'<div id="cmecfMainContent">{content}</div></body></html>'
    )


def hidden(html: str, how: int) -> str:
    """`html` present but not shown, in one of several ways a page can hide things by itself."""
    return [
        f'<div style="display:none">{html}</div>',
        f"<div hidden>{html}</div>",
        f'<div style="visibility: hidden; position: absolute">{html}</div>',
        f'<style>.gone {{ display: none }}</style><div class="gone">{html}</div>',
        f'<div style="opacity: 0">{html}</div>',
    ][how % 5]


def pf_dialog(dialog_id: str, heading: str, content: str, shown: bool, release: int = 6) -> str:
    """A PrimeFaces dialog as the server renders it (hidden by the framework's stylesheet) or as the
    widget shows it: an inline display:block (6.x), or also ui-overlay-visible for ui-overlay-hidden (7+)."""
    state = ("ui-overlay-visible" if shown else "ui-overlay-hidden") if release >= 7 else ""
    style = ' style="display: block; z-index: 1001;"' if shown else ""
    return (
        f'<div id="{dialog_id}" class="ui-dialog ui-widget ui-widget-content ui-corner-all ui-shadow '
        f'ui-hidden-container {state}"{style} role="dialog" aria-labelledby="{dialog_id}_title" '
        f'aria-hidden="{"false" if shown else "true"}"><div class="ui-dialog-titlebar ui-widget-header">'
        f'<span id="{dialog_id}_title" class="ui-dialog-title">{heading}</span></div>'
        f'<div class="ui-dialog-content ui-widget-content">{content}</div></div>'
    )


REDACTION = (
    '<form id="regmsg" name="regmsg"><p>IMPORTANT NOTICE OF REDACTION RESPONSIBILITY: All filers must '
    "redact Social Security numbers, dates of birth, names of minor children and financial account "
    'numbers.</p><div id="regmsg:pgroup"><table><tr><td class="ckboxlCol1"><div id="regmsg:chkRedact" '
    'class="ui-chkbox ui-widget"><div class="ui-helper-hidden-accessible"><input id="regmsg:chkRedact_input" '
    'name="regmsg:chkRedact_input" type="checkbox"></div><div class="ui-chkbox-box ui-widget ui-corner-all '
    'ui-state-default"><span class="ui-chkbox-icon ui-c"></span></div></div></td><td>I understand that, if I '
    "file, I must comply with the redaction rules. I have read this notice.</td></tr></table>"
    '<button id="regmsg:bpmConfirm" name="regmsg:bpmConfirm" class="ui-button" type="submit" '
    'aria-disabled="true"><span class="ui-button-text ui-c">Continue</span></button></div></form>'
)
MFA_FORM = (
    '<form id="mfaForm" name="mfaForm"><div id="mfaForm:messages" class="ui-messages ui-widget"></div>'
    '<label for="mfaForm:mfaInput">One-time passcode</label><input id="mfaForm:mfaInput" '
    'name="mfaForm:mfaInput" type="text"><button id="mfaForm:btnOk" name="mfaForm:btnOk" type="submit" '
    'class="ui-button"><span class="ui-button-text ui-c">Submit</span></button></form>'
)
PROMPTS = {
    "mfa_enrolment": (
        "User Update Required",
        "<p>Multi-Factor Authentication (MFA) is required for all PACER "
        "accounts with filing privileges. Set up MFA now with an authentication app.</p>",
    ),
    "password_update": (
        "User Update Required",
        "<p>Your password has expired. You must update your password "
        "before you continue. Passwords must be 14 to 45 characters.</p>",
    ),
    "account_disabled": (
        "PACER Account Disabled",
        "<p>Your PACER account has been disabled. Contact the PACER Service Center.</p>",
    ),
    "account_inactive": (
        "PACER User Inactive",
        "<p>This PACER user is inactive. Contact the PACER Service Center to reactivate it.</p>",
    ),
    "account_not_activated": ("PACER User Not Activated", "<p>Your PACER account has not been activated.</p>"),
}


def prompt_form(prompt: str, skip: bool) -> str:
    buttons = '<button id="frmUserUpdate:bpmUpdate" class="ui-button" type="submit">Continue</button>'
    if skip:
        buttons += '<button id="frmUserUpdate:bpmSkip" class="ui-button" type="submit"><span>Skip</span></button>'
    return f'<form id="frmUserUpdate">{PROMPTS[prompt][1]}{buttons}</form>'


def cso_page(
    *,
    login_shown: bool = True,
    dialogs: str = "",
    mfa: str = "",
    view_state: str = "jakarta",
    prefix: str = "loginForm",
    stylesheet: bool = True,
) -> str:
    """PACER's login page: the login panel (shown or hidden), the MFA panel and the dialogs given."""
    panel_class = "ui-panel ui-widget" + ("" if login_shown else " ui-helper-hidden")
    css = '<link rel="stylesheet" href="/csologin/cso.css">' if stylesheet else ""
    if not stylesheet:  # a page without the framework's stylesheet hides the login panel itself
        panel_class += '" style="display: none'

    return (
        f"<!DOCTYPE html><html><head><title>PACER: Login</title>{css}</head><body>"
        f'<div id="pscLoginPanel" class="{panel_class}"><form id="{prefix}" name="{prefix}" method="post">'
        f'<div id="{prefix}:pclLoginMessages" class="ui-messages ui-widget" aria-live="polite"></div>'
        f'<label for="{prefix}:loginName">Username</label><input id="{prefix}:loginName" name="{prefix}:loginName" '
        f'type="text"><label for="{prefix}:password">Password</label><input id="{prefix}:password" '
        f'name="{prefix}:password" type="password"><input type="hidden" name="{view_state}.faces.ViewState" '
        f'id="j_id1:{view_state}.faces.ViewState:0" value="-4431:812">'
        f'<button id="{prefix}:fbtnLogin" name="{prefix}:fbtnLogin" type="submit" class="ui-button">'
        f'<span class="ui-button-text ui-c">Login</span></button></form></div>{mfa}{dialogs}</body></html>'
    )


# -- the variants of each kind ---------------------------------------------------------------------


def court_homes() -> list[Variant]:
    found = []
    ways = [
        lambda short: f'<a href="/cgi-bin/login.pl">{short} - Document Filing System</a>',
        lambda short: '<a href="/cgi-bin/login.pl"><b>Login</b></a>',
        lambda short: '<p align="center"><a href="/cgi-bin/login.pl">Click Here to Start CM/ECF</a></p>',
        lambda short: (
            '<input type="button" value="Click Here to Login" onclick="window.location=\'/cgi-bin/login.pl\'">'
        ),
        lambda short: (
            '<button type="button" onclick="location.href=\'/cgi-bin/login.pl\'">Document Filing System</button>'
        ),
        lambda short: (
            f'<a href="https://ecf.{{court}}.uscourts.gov/cgi-bin/login.pl">{short.upper()} - DOCUMENT FILING '
            "SYSTEM</a>"
        ),
    ]
    paths = cycle(["/", "/cgi-bin/ShowIndex.pl", "/index.html"])
    wrappers = cycle(WRAPPERS)
    for i, way in enumerate(ways):
        court, _, short = COURTS[i % len(COURTS)]
        train = f'<p><a href="https://ecf-train.{court}.uscourts.gov/cgi-bin/login.pl">Train - Document Filing System</a></p>'
        content = (
            f"<h2>Welcome to the U.S. Court, {short}</h2>"
            + next(wrappers)(way(short).format(court=court))
            + train
            + "<p>Filers must use their individual PACER account.</p>"
        )
        html = (
            f'<html><head><title>{short}</title></head><body><div id="cmecfMainContent">{content}</div></body></html>'
        )
        found.append(
            Variant(f"court_home/way_{i}", f"https://ecf.{court}.uscourts.gov{next(paths)}", html, "court_home")
        )
    # Decoys: only a training-court link, or the way in hidden: no court-home hint.
    court, _, short = COURTS[0]
    train_only = (
        '<html><body><div id="cmecfMainContent"><a href="https://ecf-train.txwd.uscourts.gov/cgi-bin/'
        'login.pl">Train - Document Filing System</a></div></body></html>'
    )
    found.append(Variant("court_home/decoy_training_only", "https://ecf.txwd.uscourts.gov/", train_only, "unknown"))
    hidden_way = (
        f'<html><body><div id="cmecfMainContent">{hidden("<a href=/cgi-bin/login.pl>Login</a>", 0)}'
        "<p>CM/ECF is down for maintenance.</p></div></body></html>"
    )
    found.append(
        Variant(
            "court_home/decoy_hidden_link", "https://ecf.txwd.uscourts.gov/cgi-bin/ShowIndex.pl", hidden_way, "unknown"
        )
    )
    return found


def pacer_pages() -> list[Variant]:
    found = []
    url = CSO.format(code="TXWDC", court="txwd")
    hidden_dialogs = [
        "",
        pf_dialog("redactionConfirmation", "Redaction Agreement", REDACTION, False),
        pf_dialog("redactionConfirmation", "Redaction Agreement", REDACTION, False, release=7)
        + pf_dialog("userUpdateDlg", "User Update Required", prompt_form("mfa_enrolment", True), False, release=7),
        pf_dialog("redactionConfirmation", "Redaction Agreement", REDACTION, False)
        + pf_dialog("popupMsgId", "PACER User Inactive", "<p>This PACER user is inactive.</p>", False),
    ]
    hidden_mfa = f'<div id="mfaPanel" class="ui-helper-hidden">{MFA_FORM}</div>'
    for i, dialogs in enumerate(hidden_dialogs):
        found.append(
            Variant(
                f"pacer_login/hidden_dialogs_{i}",
                url,
                cso_page(dialogs=dialogs, mfa=hidden_mfa if i % 2 else "", view_state="javax" if i % 2 else "jakarta"),
                "pacer_login",
                "pacer_login",
            )
        )
    found.append(
        Variant(
            "pacer_login/old_form_ids", url, cso_page(prefix="login", view_state="javax"), "pacer_login", "pacer_login"
        )
    )
    for i, release in enumerate((6, 7)):
        others = pf_dialog("userUpdateDlg", "User Update Required", prompt_form("mfa_enrolment", True), False, release)
        shown = pf_dialog("redactionConfirmation", "Redaction Agreement", REDACTION, True, release)
        found.append(
            Variant(
                f"redaction_notice/primefaces_{release}",
                url,
                cso_page(dialogs=shown + (others if i else ""), mfa=hidden_mfa),
                "redaction_notice",
            )
        )
    plain = (
        '<div id="redactionConfirmation" style="display:block" role="dialog"><form id="regmsg"><label>'
        '<input type="checkbox" id="regmsg:chkRedact_input"> I understand that, if I file, I must comply with '
        'the redaction rules.</label><button id="regmsg:bpmConfirm" type="submit">Continue</button></form></div>'
    )
    found.append(Variant("redaction_notice/plain", url, cso_page(dialogs=plain), "redaction_notice"))
    mfa_shown = f'<div id="mfaPanel" class="ui-panel">{MFA_FORM}</div>'
    for i, dialogs in enumerate(hidden_dialogs[:3]):
        found.append(
            Variant(f"mfa/login_hidden_{i}", url, cso_page(login_shown=False, mfa=mfa_shown, dialogs=dialogs), "mfa")
        )
    other_ids = (
        '<div id="otpPanel"><form id="otpForm" method="post"><p><label for="otpCode">Enter the one-time '
        'passcode from your authentication app</label></p><input id="otpCode" name="otpCode" type="text">'
        '<button type="submit">Verify</button></form></div>'
    )
    found.append(Variant("mfa/other_ids", url, cso_page(login_shown=False, mfa=other_ids), "mfa", "mfa_by_label"))
    in_dialog = pf_dialog("mfaDlg", "Multi-Factor Authentication", MFA_FORM, True)
    found.append(Variant("mfa/in_a_dialog", url, cso_page(login_shown=False, dialogs=in_dialog), "mfa"))
    found.append(Variant("mfa/plain", url, cso_page(login_shown=False, mfa=mfa_shown, stylesheet=False), "mfa"))
    for i, prompt in enumerate(PROMPTS):
        for skip in (True, False) if prompt in ("mfa_enrolment", "password_update") else (False,):
            redaction = pf_dialog("redactionConfirmation", "Redaction Agreement", REDACTION, False, 6 + i % 2)
            dialog = pf_dialog("userUpdateDlg", PROMPTS[prompt][0], prompt_form(prompt, skip), True, 6 + i % 2)
            name = f"pacer_prompt/{prompt}" + ("_with_skip" if skip else "")
            found.append(
                Variant(
                    name,
                    url,
                    cso_page(dialogs=redaction + dialog, login_shown=i % 2 == 0),
                    "pacer_prompt",
                    f"prompt_{prompt}",
                )
            )
    unknown_dialog = pf_dialog(
        "ackDlg",
        "Notice",
        '<p>PACER will be unavailable Saturday from 8 to 10 p.m.</p><button id="btnAckOkay" type="button">OK</button>',
        True,
    )
    found.append(Variant("pacer_login/decoy_unknown_dialog", url, cso_page(dialogs=unknown_dialog), "unknown"))
    # The notice without its Skip, on a page with a "Skip to main content" link: no Skip of the notice.
    no_skip = pf_dialog("userUpdateDlg", "User Update Required", prompt_form("mfa_enrolment", False), True, 7)
    skip_link = cso_page(dialogs=no_skip).replace("<body>", '<body><a href="#main">Skip to main content</a>', 1)
    found.append(Variant("pacer_prompt/decoy_skip_link", url, skip_link, "pacer_prompt", "prompt_mfa_enrolment"))
    return found


def utilities_pages() -> list[Variant]:
    found = []
    item = "Link a CM/ECF account to my PACER account"
    layouts = [
        lambda link: (
            f"<h3>Utilities</h3><h4>Your Account</h4><ul><li>{link}</li><li><a href='/cgi-bin/TransLog.pl'>"
            "View Your Transaction Log</a></li></ul>"
        ),
        lambda link: f"<table><tr><th>NextGen Release 1.1 Menu Items</th></tr><tr><td>{link}</td></tr></table>",
        lambda link: (
            f"<dl><dt>Your Account</dt><dd><a href='/cgi-bin/MaintainAcct.pl'>Maintain Your ECF Account</a>"
            f"</dd><dd>{link}</dd></dl>"
        ),
        lambda link: f"<div class='menu'><div class='section'>Miscellaneous</div><div class='item'>{link}</div></div>",
    ]
    wordings, wrappers = cycle(WORDINGS), cycle(WRAPPERS)
    for i, layout in enumerate(layouts):
        court = COURTS[i % len(COURTS)][0]
        link = f'<a href="/cgi-bin/NGLinkAcct.pl?{i}">{next(wordings)(item)}</a>'
        found.append(
            Variant(
                f"utilities/layout_{i}",
                f"https://ecf.{court}.uscourts.gov/cgi-bin/DisplayMenu.pl?Utilities",
                ecf_page(court, next(wrappers)(layout(link))),
                "utilities",
            )
        )
    access_keys = '<a href="/cgi-bin/Link.pl"><u>L</u>ink a CM/ECF Account to My PACER Account</a>'
    found.append(
        Variant(
            "utilities/access_keys",
            "https://ecf.nysb.uscourts.gov/cgi-bin/DisplayMenu.pl?Utilities",
            ecf_page("nysb", layouts[0](access_keys)),
            "utilities",
        )
    )
    return found


def link_forms() -> list[Variant]:
    found = []
    login_label, password_label = "CM/ECF login", "CM/ECF password"
    layouts = {
        "labels": lambda w: (
            '<form method="post" action="/cgi-bin/LinkAcct.pl"><p><label for="l">'
            + w(login_label)
            + '</label> <input id="l" name="login"></p><p><label for="p">'
            + w(password_label)
            + '</label> <input id="p" type="password" name="pw"></p><input type="submit" value="Submit">'
            "</form>"
        ),
        "table": lambda w: (
            '<form method="post" action="/cgi-bin/LinkAcct.pl"><table><tr><td>'
            + w(login_label)
            + ':</td><td><input type="text" name="login"></td></tr><tr><td>'
            + w(password_label)
            + ':</td><td><input type="password" name="pw"></td></tr></table>'
            '<input type="submit" value="Submit"></form>'
        ),
        "hoisted_table": lambda w: (
            '<table><form method="post" action="/cgi-bin/LinkAcct.pl"><tr><td>'
            + w(login_label)
            + '</td><td><input type="text" name="login"></td></tr><tr><td>'
            + w(password_label)
            + '</td><td><input type="password" name="pw"></td></tr><tr><td colspan="2">'
            '<input type="submit" value="Submit"></td></tr></form></table>'
        ),
        "definition_list": lambda w: (
            '<form method="post" action="/cgi-bin/LinkAcct.pl"><dl><dt>'
            + w(login_label)
            + '</dt><dd><input type="text" name="login"></dd><dt>'
            + w(password_label)
            + '</dt><dd><input type="password" name="pw"></dd></dl><button>Submit</button></form>'
        ),
        "divs": lambda w: (
            '<form method="post" action="/cgi-bin/LinkAcct.pl"><div class="row"><div class="lbl">'
            + w(login_label)
            + '</div><div class="fld"><input type="text" name="login" size="20"></div>'
            '</div><div class="row"><div class="lbl">' + w(password_label) + '</div><div class="fld">'
            '<input type="password" name="pw"></div></div><input type="submit" value="Submit"></form>'
        ),
        "labels_outside_form": lambda w: (
            '<p><label for="l2">'
            + w(login_label)
            + '</label></p><p><label for="p2">'
            + w(password_label)
            + '</label></p><form method="post" action="/cgi-bin/'
            'LinkAcct.pl"><input id="l2" name="login"><input id="p2" type="password" '
            'name="pw"><input type="submit" value="Submit"></form>'
        ),
        "fields_outside_form": lambda w: (
            '<form id="lf" method="post" action="/cgi-bin/LinkAcct.pl"></form>'
            "<table><tr><td>" + w(login_label) + '</td><td><input form="lf" name="login">'
            "</td></tr><tr><td>" + w(password_label) + '</td><td><input form="lf" '
            'type="password" name="pw"></td></tr></table><input form="lf" type="submit" '
            'value="Submit">'
        ),
    }
    wordings, wrappers = cycle(WORDINGS), cycle(WRAPPERS)
    for i, (name, layout) in enumerate(layouts.items()):
        court = COURTS[i % len(COURTS)][0]
        leftovers = hidden("<p>You have successfully linked your account.</p>", i)  # another step's message, hidden
        content = (
            next(wrappers)("<h3>Link a CM/ECF account to my PACER account</h3>" + layout(next(wordings))) + leftovers
        )
        found.append(
            Variant(
                f"link_form/{name}",
                f"https://ecf.{court}.uscourts.gov/cgi-bin/LinkAcct.pl",
                ecf_page(court, content),
                "link_form",
            )
        )
    other_password = (
        '<form method="post" action="/cgi-bin/SealedDoc.pl"><p>This document is sealed. Enter the '
        'document password you were given.</p><input type="password" name="docpw"><input type="submit">'
        "</form>"
    )
    found.append(
        Variant(
            "link_form/decoy_other_password",
            "https://ecf.txwd.uscourts.gov/cgi-bin/SealedDoc.pl",
            ecf_page("txwd", other_password),
            "unknown",
        )
    )
    return found


def verify_pages() -> list[Variant]:
    found = []
    ecf, pacer = "jdoe (Jane Doe)", "jdoe2024 (Jane Doe)"
    intro = "<p>Verify that the CM/ECF account and PACER account listed are accurate. If so, click Submit.</p>"
    submit = '<input type="submit" value="Submit"> <a href="/cgi-bin/DisplayMenu.pl?Utilities">Cancel</a>'
    layouts = {
        "table_in_form": lambda w: (
            f'<form method="post" action="/cgi-bin/Link.pl?verify">{intro}<table><tr><th>'
            f"{w('CM/ECF account')}</th><td>{ecf}</td></tr><tr><th>{w('PACER account')}</th>"
            f"<td>{pacer}</td></tr></table>{submit}</form>"
        ),
        "table_outside_form": lambda w: (
            f"{intro}<table border='1'><tr><td>{w('CM/ECF Account')}:</td><td>{ecf}</td>"
            f"</tr><tr><td>{w('PACER Account')}:</td><td>{pacer}</td></tr></table>"
            f'<form method="post" action="/cgi-bin/Link.pl?verify">{submit}</form>'
        ),
        "definition_list": lambda w: (
            f"<dl><dt>{w('CM/ECF Account')}</dt><dd>{ecf}</dd><dt>{w('PACER Account')}</dt>"
            f'<dd>{pacer}</dd></dl><form method="post" action="/cgi-bin/Link.pl?verify">'
            f"{intro}{submit}</form>"
        ),
        "divs": lambda w: (
            f'<form method="post" action="/cgi-bin/Link.pl?verify">{intro}<div class="acct"><div '
            f'class="k">{w("CM/ECF account")}:</div><div class="v">{ecf}</div></div><div class="acct">'
            f'<div class="k">{w("PACER account")}:</div><div class="v">{pacer}</div></div>'
            f"<div>{submit}</div></form>"
        ),
        "paragraphs": lambda w: (
            f"{intro}<p><strong>{w('CM/ECF account')}:</strong> {ecf}</p><p><strong>"
            f'{w("PACER account")}:</strong> {pacer}</p><form method="post" '
            f'action="/cgi-bin/Link.pl?verify"><button type="submit">Submit</button></form>'
        ),
        "lines": lambda w: (
            f'<form method="post" action="/cgi-bin/Link.pl?verify">{intro}<div>{w("CM/ECF account")}: '
            f"{ecf}<br>{w('PACER account')}: {pacer}<br></div>{submit}</form>"
        ),
        "other_labels": lambda w: (
            f'<form method="post" action="/cgi-bin/Link.pl?verify">{intro}<table><tr><td>'
            f"{w('CM/ECF User Name')}</td><td>jdoe - Jane Doe</td></tr><tr><td>"
            f"{w('PACER Account Holder')}</td><td>jdoe2024 - Jane Doe</td></tr></table>"
            f"{submit}</form>"
        ),
    }
    wordings, wrappers = cycle(WORDINGS), cycle(WRAPPERS)
    for i, (name, layout) in enumerate(layouts.items()):
        court = COURTS[i % len(COURTS)][0]
        leftovers = hidden("<p>You have successfully linked your account.</p>", i + 1)
        found.append(
            Variant(
                f"link_verify/{name}",
                f"https://ecf.{court}.uscourts.gov/cgi-bin/Link.pl",
                ecf_page(court, next(wrappers)(layout(next(wordings))) + leftovers),
                "link_verify",
                "link_verify",
            )
        )
    # Accounts named in a sentence rather than listed: not certainly the verify page, so the possible
    # verify rule (caution, Submit held) and not the plain one.
    inline = (
        '<form method="post" action="/cgi-bin/Link.pl?verify"><p>Please confirm: your CM/ECF account jdoe '
        "(Jane Doe) will be joined to the PACER account smithlaw1 (Smith &amp; Associates LLP).</p>"
        '<input type="submit" value="Submit"></form>'
    )
    found.append(
        Variant(
            "link_verify_possible/inline_labels",
            "https://ecf.txwd.uscourts.gov/cgi-bin/Link.pl",
            ecf_page("txwd", inline),
            "link_verify",
            "link_verify_possible",
        )
    )
    return found


def shared_verify() -> Variant:
    """A verify page whose accounts stand in a table outside the form, listing a firm's PACER account."""
    content = (
        "<p>Verify that the CM/ECF account and PACER account listed are accurate.</p><table><tr><td>CM/ECF "
        "Account:</td><td>jdoe (Jane Doe)</td></tr><tr><td>PACER Account:</td><td>smithlaw1 (Smith &amp; "
        'Associates LLP)</td></tr></table><form method="post" action="/cgi-bin/LinkAcct.pl?verify">'
        '<input type="hidden" name="token" value="0"><input type="submit" value="Submit"></form>'
    )
    return Variant(
        "link_verify/shared_outside_form",
        "https://ecf.txwd.uscourts.gov/cgi-bin/LinkAcct.pl",
        ecf_page("txwd", content),
        "link_verify",
        "link_verify",
    )


def done_pages() -> list[Variant]:
    found = []
    layouts = {
        "heading": lambda w: (
            f"<h3>{w('You have successfully linked your account.')}</h3><p>You will receive an email notification.</p>"
        ),
        "bare_text": lambda w: (
            f"{w('You have successfully linked your account.')}<br>Choose any menu item except Log Out."
        ),
        "paragraph": lambda w: f"<p>{w('Your CM/ECF account was successfully linked to your PACER account.')}</p>",
        "table_cell": lambda w: (
            f"<table><tr><td><font color='green'>{w('The account link was successful.')}</font></td></tr></table>"
        ),
        "split_by_markup": lambda w: f"<p>You have <b>{w('successfully')}</b> linked your account.</p>",
        "has_been_linked": lambda w: f"<p>{w('Your CM/ECF account has been linked to your PACER account.')}</p>",
    }
    wordings, wrappers = cycle(WORDINGS), cycle(WRAPPERS)
    for i, (name, layout) in enumerate(layouts.items()):
        court = COURTS[i % len(COURTS)][0]
        leftovers = hidden("<table><tr><th>CM/ECF account</th><td>jdoe</td></tr></table>", i)
        found.append(
            Variant(
                f"link_done/{name}",
                f"https://ecf.{court}.uscourts.gov/cgi-bin/Link.pl?verify",
                ecf_page(court, next(wrappers)(layout(next(wordings))) + leftovers),
                "link_done",
            )
        )
    return found


def menu_pages() -> list[Variant]:
    """Pages with the menu bar and nothing of the link procedure, some with decoys."""
    news = (
        "<h3>Court News</h3><p>NextGen: every e-filer must choose Utilities, then Link a CM/ECF account to my "
        "PACER account. Once the accounts are successfully linked, use your PACER login to file.</p>"
    )
    docket = (
        "<table><tr><th>Date Filed</th><th>#</th><th>Docket Text</th></tr><tr><td>01/05/2026</td><td>12</td>"
        "<td>NOTICE by Jane Doe: account successfully linked; please serve at new address.</td></tr></table>"
    )
    query = (
        '<form method="post" action="/cgi-bin/iquery.pl"><p>Search by CM/ECF account holder or PACER account '
        'user:</p><input type="text" name="q"><input type="submit" value="Run Query"></form>'
    )
    failed = "<p>Your CM/ECF account has not been linked. Please try again.</p>"
    return [
        Variant(
            "ecf_unlinked/news_quotes_the_link_item",
            "https://ecf.txwd.uscourts.gov/cgi-bin/showpage.pl?16",
            ecf_page("txwd", news),
            "ecf_unlinked",
            "ecf_unlinked",
        ),
        Variant(
            "ecf_unlinked/link_not_made",
            "https://ecf.txwd.uscourts.gov/cgi-bin/Link.pl?verify",
            ecf_page("txwd", failed),
            "ecf_unlinked",
            "ecf_unlinked",
        ),
        Variant(
            "ecf_unlinked/hidden_password_field",
            "https://ecf.cand.uscourts.gov/cgi-bin/iquery.pl",
            ecf_page("cand", "<h3>Query</h3>" + hidden('<input type="password" name="x">', 1)),
            "ecf_unlinked",
        ),
        Variant(
            "ecf_linked/docket_says_successfully_linked",
            "https://ecf.mnd.uscourts.gov/cgi-bin/DktRpt.pl?1",
            ecf_page("mnd", docket, filer=True),
            "ecf_linked",
        ),
        Variant(
            "ecf_linked/query_names_both_accounts",
            "https://ecf.nysb.uscourts.gov/cgi-bin/iquery.pl",
            ecf_page("nysb", query, filer=True),
            "ecf_linked",
        ),
    ]


def all_variants() -> list[Variant]:
    return (
        court_homes()
        + pacer_pages()
        + utilities_pages()
        + link_forms()
        + verify_pages()
        + [shared_verify()]
        + done_pages()
        + menu_pages()
    )
