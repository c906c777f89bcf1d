"""The simulated court's pages as HTML. The real PACER login and CM/ECF shell are modelled on the
markup public code shows (../shared/notes/cso-evidence.md, cmecf-pages.md). The link form, the
verify page and the confirmation have never been published: each simulated court draws them in
its own layout (`Layout`), so that nothing in ecflink can come to rely on one guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

CSO_HOST = "pacer.login.uscourts.gov"


@dataclass(frozen=True)
class Layout:
    """How one court draws the pages nobody has published."""

    form: str  # "labels" (<label for>), "hoisted_table" (a <form> inside a <table>), "divs"
    verify: str  # "table_in_form", "dl_outside_form", "paragraphs"
    done: str  # "heading", "bare_text", "box"


def page(title: str, body: str, stylesheet: str = "/css/default.css") -> str:
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f'<link rel="stylesheet" href="{stylesheet}"></head><body>{body}</body></html>\n'
    )


# -- PACER Central Sign-On --------------------------------------------------------------------------


def _dialog(dialog_id: str, title: str, content: str) -> str:
    """A PrimeFaces dialog as the server renders it: present from the first load, hidden by the
    framework's stylesheet (cso.css here) until the page's script shows it."""
    return (
        f'<div id="{dialog_id}" class="ui-dialog ui-widget ui-widget-content ui-corner-all ui-shadow '
        f'ui-hidden-container" role="dialog" aria-labelledby="{dialog_id}_title" aria-hidden="true">'
        f'<div class="ui-dialog-titlebar ui-widget-header ui-helper-clearfix ui-corner-top">'
        f'<span id="{dialog_id}_title" class="ui-dialog-title">{title}</span></div>'
        f'<div class="ui-dialog-content ui-widget-content">{content}</div></div>'
    )


def cso_login(state: str, view_state: str = "jakarta.faces.ViewState") -> str:
    """The PACER login page: the login panel, the MFA panel, and the dialogs the server may show
    (redaction acknowledgement, PACER's user-update notice, a message popup), all in one page."""
    redaction = _dialog(
        "redactionConfirmation",
        "Redaction Agreement",
        """<form id="regmsg" name="regmsg">
  <p>IMPORTANT NOTICE OF REDACTION RESPONSIBILITY: All filers must redact: Social Security or
  taxpayer-identification numbers; dates of birth; names of minor children; financial account numbers;
  and, in criminal cases, home addresses.</p>
  <table><tr><td class="ckboxlCol1"><div id="regmsg:chkRedact" class="ui-chkbox ui-widget">
   <input type="checkbox" id="regmsg:chkRedact_input" name="regmsg:chkRedact_input"></div></td>
  <td><label for="regmsg:chkRedact_input">I understand that, if I file, I must comply with the redaction rules.
   I have read this notice.</label></td></tr></table>
  <div id="regmsg:pgroup"><button id="regmsg:bpmConfirm" name="regmsg:bpmConfirm" type="button" class="ui-button"
   aria-disabled="true" disabled><span class="ui-button-text ui-c">Continue</span></button></div>
 </form>""",
    )
    update = _dialog(
        "userUpdateDlg",
        "User Update Required",
        """<form id="frmUserUpdate" name="frmUserUpdate">
  <p>Multifactor authentication (MFA) is now required for accounts with CM/ECF filing access. Enroll now to
  add an authentication app to your PACER account.</p>
  <p id="frmUserUpdate:skips">You may skip enrollment <b id="frmUserUpdate:skipsLeft">0</b> more time(s).</p>
  <button id="frmUserUpdate:bpmEnroll" type="button" class="ui-button"><span class="ui-button-text ui-c">Enroll
   Now</span></button>
  <button id="frmUserUpdate:bpmSkip" type="button" class="ui-button"><span class="ui-button-text ui-c">Skip</span></button>
 </form>""",
    )
    body = f"""
<div id="pscLoginPanel" class="ui-panel ui-widget"><h1>PACER Login</h1>
<form id="loginForm" name="loginForm" method="post" action="/csologin/login.jsf">
 <div id="loginForm:pclLoginMessages" class="ui-messages ui-widget" aria-live="polite"></div>
 <p><label for="loginForm:loginName">Username *</label>
    <input id="loginForm:loginName" name="loginForm:loginName" type="text" autocomplete="username"></p>
 <p><label for="loginForm:password">Password *</label>
    <input id="loginForm:password" name="loginForm:password" type="password" autocomplete="current-password"></p>
 <p><label for="loginForm:clientCode">Client Code</label>
    <input id="loginForm:clientCode" name="loginForm:clientCode" type="text"></p>
 <input type="hidden" name="{view_state}" id="j_id1:{view_state}:0" value="{state}">
 <button id="loginForm:fbtnLogin" name="loginForm:fbtnLogin" type="submit" class="ui-button">
  <span class="ui-button-text ui-c">Login</span></button>
</form></div>
<div id="mfaPanel" class="ui-panel ui-widget ui-helper-hidden"><h1>Multifactor Authentication</h1>
<form id="mfaForm" name="mfaForm">
 <div id="mfaForm:mfaMessages" class="ui-messages ui-widget" aria-live="polite"></div>
 <p><label for="mfaForm:mfaInput">Enter the one-time passcode from your authentication app</label>
    <input id="mfaForm:mfaInput" name="mfaForm:mfaInput" type="text" inputmode="numeric" autocomplete="one-time-code"></p>
 <button id="mfaForm:btnOk" type="submit" class="ui-button"><span class="ui-button-text ui-c">Verify</span></button>
</form></div>
{redaction}
{update}
{_dialog("popupMsgId", "Message", '<p id="popupMsgText"></p>')}
<script src="/csologin/cso-login.js"></script>"""
    return page("PACER: Login", body, stylesheet="/csologin/cso.css")


# -- CM/ECF: the link form, the verify page, the confirmation --------------------------------------


def link_form(action: str, layout: Layout, login: str = "", error: str = "") -> str:
    """The form asking for the old CM/ECF login and password, in the court's layout."""
    error_html = f'<p class="error"><b>{escape(error)}</b></p>' if error else ""
    value = escape(login, quote=True)
    heading = "<h3>Link a CM/ECF account to my PACER account</h3>"
    buttons = '<input type="submit" value="Submit"> <input type="reset" value="Clear">'
    if layout.form == "labels":
        return (
            f'<form method="post" action="{action}">{heading}{error_html}<p>Enter your current CM/ECF credentials.</p>'
            '<p><label for="ecf_login">CM/ECF login</label> '
            f'<input type="text" id="ecf_login" name="ecf_login" value="{value}"></p>'
            '<p><label for="ecf_password">CM/ECF password</label> '
            f'<input type="password" id="ecf_password" name="ecf_password"></p><p>{buttons}</p></form>'
        )
    if layout.form == "hoisted_table":
        # Old CGI markup: the <form> opens inside the <table>. Browsers (and html5lib) move it out,
        # empty; the fields still belong to it.
        return (
            f"{heading}{error_html}<p>Enter your current CM/ECF credentials.</p>"
            f'<table border="0"><form method="post" action="{action}">'
            f'<tr><td align="right">CM/ECF&nbsp;Login:</td><td><input type="text" name="ecf_login" value="{value}">'
            '</td></tr><tr><td align="right">CM/ECF&nbsp;Password:</td>'
            '<td><input type="password" name="ecf_password"></td></tr>'
            f"<tr><td></td><td>{buttons}</td></tr></form></table>"
        )
    return (
        f'<div class="link-account">{heading}{error_html}<form method="post" action="{action}">'
        '<div class="row"><div class="label"><span>CM/ECF Login</span></div>'
        f'<div class="field"><input name="ecf_login" value="{value}"></div></div>'
        '<div class="row"><div class="label"><span>CM/ECF Password</span></div>'
        '<div class="field"><input type="password" name="ecf_password"></div></div>'
        f'<div class="row">{buttons}</div></form></div>'
    )


def verify(action: str, layout: Layout, token: str, ecf: tuple[str, str], pacer: tuple[str, str]) -> str:
    """The page listing both accounts before the link is made; `ecf` and `pacer`: (login, name)."""
    ecf_text, pacer_text = (f"{escape(user)} ({escape(name)})" for user, name in (ecf, pacer))
    intro = (
        "<p>Verify that the CM/ECF account and PACER account listed are accurate. "
        "If so, click Submit. This cannot be undone.</p>"
    )
    hidden = f'<input type="hidden" name="token" value="{token}">'
    submit = '<input type="submit" value="Submit"> <a href="/cgi-bin/DisplayMenu.pl?Utilities">Cancel</a>'
    if layout.verify == "table_in_form":
        return (
            f'<form method="post" action="{action}?verify">{hidden}{intro}<table>'
            f"<tr><th>CM/ECF account</th><td>{ecf_text}</td></tr>"
            f"<tr><th>PACER account</th><td>{pacer_text}</td></tr></table><p>{submit}</p></form>"
        )
    if layout.verify == "dl_outside_form":
        return (
            f"<h3>Verify Accounts</h3>{intro}<dl><dt>CM/ECF Account:</dt><dd>{ecf_text}</dd>"
            f"<dt>PACER Account:</dt><dd>{pacer_text}</dd></dl>"
            f'<form method="post" action="{action}?verify">{hidden}<p>{submit}</p></form>'
        )
    return (
        f'<form method="post" action="{action}?verify">{hidden}<h3>Verify Accounts</h3>{intro}'
        f"<p><b>CM/ECF&nbsp;Account:</b> {ecf_text}</p><p><b>PACER&nbsp;Account:</b> {pacer_text}</p>"
        f"<p>{submit}</p></form>"
    )


def done(layout: Layout) -> str:
    """The confirmation after the link is made."""
    after = "You will receive an email notification. Choose any menu item except Log Out to see your filing menus."
    if layout.done == "heading":
        return f"<h3>You have successfully linked your account.</h3><p>{after}</p>"
    if layout.done == "bare_text":
        return f"You have successfully linked your account.<br><br>{after}"
    return (
        f'<div class="message" style="border:1px solid #7a7;padding:8px"><p>Your CM/ECF account was '
        f"successfully linked to your PACER account.</p><p>{after}</p></div>"
    )
