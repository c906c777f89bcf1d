"""Pages built to wear the content script down: a 20 MB docket, a page with thousands of forms, a
login page that never stops changing. The content script stays within its budget (Chromium's CPU
profiler, as bench/run measures it: 1 % of the page's DOMContentLoaded time, or half a frame on a
page that loads faster than 0.8 s) and the host's instruction is right or absent, never wrong."""

import sys
import time
from pathlib import Path

import pytest

from ecflink.browsers import dom_content_loaded_ms, extension_cpu_ms, read_hint
from ecflink.sim.network import Response

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from docket import docket_html  # noqa: E402

pytestmark = [pytest.mark.e2e, pytest.mark.reliability]
SHARE_BUDGET = 0.01  # of the page's DOMContentLoaded time, as bench/run's target ...
FRAME_MS = 8.0  # ... or half a 60 Hz frame, for pages that load so fast that 1 % is less than that


def within_budget(spent: float, dcl: float) -> bool:
    return spent <= max(SHARE_BUDGET * dcl, FRAME_MS)

MENU = ('<div id="topmenu"><a href="/cgi-bin/DisplayMenu.pl?Query">Query</a> '
        '<a href="/cgi-bin/DisplayMenu.pl?Utilities">Utilities</a> <a href="/cgi-bin/login.pl?logout">Log Out</a></div>')
FORMS = ("<!DOCTYPE html><html><head><title>CM/ECF</title></head><body>" + MENU + "".join(
    f'<form action="/cgi-bin/iquery.pl" method="post"><label>Case number <input type="text" name="c{i}"></label>'
    f'<label>Party <input type="text" name="p{i}"></label><input type="submit" value="Run Query"></form>'
    for i in range(3000)) + "</body></html>").encode()
NOISY_LOGIN = b"""<!DOCTYPE html><html><head><title>PACER: Login</title></head><body>
<form id="loginForm"><input id="loginForm:loginName" type="text"><input id="loginForm:password" type="password">
<button id="loginForm:fbtnLogin" type="submit">Login</button></form>
<div id="redactionConfirmation" style="display:none"><form id="regmsg"><input id="regmsg:chkRedact" type="checkbox">
I understand that, if I file, I must comply with the redaction rules.</form></div>
<div id="ticker"></div>
<script>
  let n = 0;  // changes the page every 20 ms, forever
  setInterval(() => { const t = document.getElementById("ticker"); t.className = "tick" + (n++ % 2);
                      t.textContent = String(n); }, 20);
  setTimeout(() => { document.getElementById("redactionConfirmation").style.display = "block"; }, 3000);
</script></body></html>"""
PAGES = {("ecf.txwd.uscourts.gov", "/cgi-bin/DktRpt.pl"): docket_html(20_000_000),
         ("ecf.txwd.uscourts.gov", "/cgi-bin/forms.pl"): FORMS,
         ("pacer.login.uscourts.gov", "/csologin/login.jsf"): NOISY_LOGIN}


@pytest.fixture
def bad_pages(network, world):
    def app(request):
        page = PAGES.get((request.host, request.path.split("?")[0]))
        if page is not None and (request.host != "pacer.login.uscourts.gov" or "noisy=1" in request.path):
            return Response(body=page)
        return world.app(request)

    network.app = app


def profiled_share(driver, url: str, settle: float, runs: int = 1) -> tuple[float, float]:
    """Load `url` with Chromium's CPU profiler on: (the extension's main-thread ms, DOMContentLoaded
    ms), from the cheapest of `runs` loads (a busy machine only ever adds time)."""
    measured = []
    for _ in range(runs):
        driver.get("https://ecf.txwd.uscourts.gov/")  # the same site: the profiled renderer stays
        spent = extension_cpu_ms(driver, lambda: (driver.get(url), time.sleep(settle)))
        dcl = dom_content_loaded_ms(driver)
        measured.append((spent, dcl))
    return min(measured)


def test_a_20_mb_docket_page(browser, bad_pages):
    url = "https://ecf.txwd.uscourts.gov/cgi-bin/DktRpt.pl?99"
    browser.driver.get(url)
    assert read_hint(browser.driver, timeout=60)["kind"] == "ecf_unlinked"  # no Civil/Criminal menus on it
    if browser.name == "chromium":
        spent, dcl = profiled_share(browser.driver, url, settle=1.0)
        assert within_budget(spent, dcl), f"{spent:.1f} ms of {dcl:.0f} ms"


def test_three_thousand_forms_are_not_a_link_form(browser, bad_pages):
    url = "https://ecf.txwd.uscourts.gov/cgi-bin/forms.pl"
    browser.driver.get(url)
    hint = read_hint(browser.driver)
    assert hint["kind"] == "ecf_unlinked" and "Utilities" in hint["text"]
    if browser.name == "chromium":
        spent, dcl = profiled_share(browser.driver, url, settle=1.0, runs=3)
        assert within_budget(spent, dcl), f"{spent:.1f} ms of {dcl:.0f} ms"


def test_a_page_that_never_stops_changing_is_still_followed_cheaply(browser, bad_pages):
    url = ("https://pacer.login.uscourts.gov/csologin/login.jsf?pscCourtId=TXWDC&noisy=1"
           "&appurl=https%3A%2F%2Fecf.txwd.uscourts.gov%2Fcgi-bin%2Fshowpage.pl")
    browser.driver.get(url)
    assert read_hint(browser.driver)["kind"] == "pacer_login"
    # The dialog appears after 3 s while the page keeps changing every 20 ms: it is still seen.
    assert read_hint(browser.driver, kind="redaction_notice", timeout=10)["kind"] == "redaction_notice"
    if browser.name == "chromium":
        spent, _ = profiled_share(browser.driver, url, settle=4.0, runs=2)
        assert spent <= SHARE_BUDGET * 4000, f"{spent:.1f} ms of the page's first 4 s"  # 1 % of the time watched
