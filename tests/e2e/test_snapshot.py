"""Learning from the field: a redacted snapshot of a page, saved in the data folder when the user
asks (the popup, or the overlay on a page ecflink does not recognise), in both browsers. Nothing
personal survives in it, and `ecflink classify` on it reaches the browser's own answer."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from selenium.webdriver.common.by import By

from ecflink.practice.browsers import open_extension_page, read_hint
from ecflink.practice.sim.network import Response
from ecflink.practice.walkthrough import Walker
from tests.e2e.helpers import reports, wait_for

pytestmark = pytest.mark.e2e

COURT = "https://ecf.txwd.uscourts.gov"
MENU = (
    '<div id="topmenu" class="yuimenubar"><div class="bd"><ul class="first-of-type">'
    '<li class="yuimenubaritem"><a class="yuimenubaritemlabel" href="/cgi-bin/DisplayMenu.pl?Utilities">Utilities</a></li>'
    '<li class="yuimenubaritem"><a class="yuimenubaritemlabel" href="/cgi-bin/login.pl?logout">Log Out</a></li>'
    "</ul></div></div>"
)
PLANTED = [
    "Rosalind",
    "Whitfield",
    "rwhitfield2020",
    "rwhit ",
    "HIDDEN-TOKEN",
    "SESSIONID",
    "script-secret",
    "typed-secret",
    "cookie-secret",
    "query-secret",
    "rosalind.whitfield@",
]
# A verify page whose stylesheet (which the Python side never reads) hides an old success message.
VERIFY = f"""<!DOCTYPE html><html><head><title>CM/ECF</title><link rel="stylesheet" href="/site.css">
<script>var token = "script-secret-4411";</script></head><body>{MENU}<div id="cmecfMainContent">
<p class="stale">You have successfully linked your account.</p>
<p>Welcome, Rosalind Q. Whitfield (rwhitfield2020). Questions: rosalind.whitfield@example-firm.test</p>
<form method="post" action="/cgi-bin/Verify.pl?step=2&sid=SESSIONID0123456789abcdef">
<input type="hidden" name="sid" value="HIDDEN-TOKEN-0123456789abcdef">
<table><tr><th>CM/ECF account</th><td>rwhit (Rosalind Q. Whitfield)</td></tr>
<tr><th>PACER account</th><td>rwhitfield2020 (Rosalind Q. Whitfield)</td></tr></table>
<p>Note for the clerk <input type="text" name="note"></p><input type="submit" value="Submit"></form>
</div></body></html>"""
UNKNOWN = f"""<!DOCTYPE html><html><head><title>CM/ECF</title></head><body>{MENU}<div id="cmecfMainContent">
<form method="post" action="/cgi-bin/Sealed.pl"><p>This document is sealed. Enter the document password.</p>
<input type="password" name="docpw"><input type="submit" value="Open"></form></div></body></html>"""


@pytest.fixture
def court_pages(network, world):
    pages = {
        "/cgi-bin/Verify.pl": (VERIFY, "text/html; charset=utf-8"),
        "/site.css": (".stale { display: none }", "text/css"),
        "/cgi-bin/Sealed.pl": (UNKNOWN, "text/html; charset=utf-8"),
    }

    def app(request):
        path = request.path.split("?")[0]
        if request.host == "ecf.txwd.uscourts.gov" and path in pages:
            body, kind = pages[path]
            return Response(
                body=body.encode(),
                content_type=kind,
                headers=[("Set-Cookie", "PacerSession=cookie-secret-77; Path=/; Secure")],
            )
        return world.app(request)

    network.app = app


def saved_snapshots(browser) -> list:
    folder = browser.data_dir / "reports"
    return sorted(folder.glob("*.html")) if folder.exists() else []


def classify(path, url=None) -> dict:
    args = [sys.executable, "-m", "ecflink.cli", "classify", *(["--url", url] if url else []), str(path)]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_a_snapshot_from_the_popup_keeps_nothing_personal_and_reads_as_the_browser_saw_it(
    browser, court_pages, tmp_path
):
    driver = browser.driver
    url = f"{COURT}/cgi-bin/Verify.pl?case=1&auth=query-secret-99"
    driver.get(url)
    assert read_hint(driver)["kind"] == "link_verify"  # the stylesheet hides the old success message
    driver.find_element(By.NAME, "note").send_keys("typed-secret-note-55")
    page = driver.current_window_handle
    driver.switch_to.new_window("tab")
    open_extension_page(browser, "popup.html")
    wait_for(lambda: driver.find_elements(By.ID, "snapshot"), what="the popup")[0].click()
    result = wait_for(
        lambda: (
            driver.find_element(By.ID, "snapshot-result").text.startswith("Saved as")
            and driver.find_element(By.ID, "snapshot-result").text
        ),
        what="the snapshot to be saved",
    )
    [snapshot] = saved_snapshots(browser)
    assert snapshot.name in result and oct(snapshot.stat().st_mode & 0o777) == "0o600"
    text = snapshot.read_text()
    assert [secret for secret in PLANTED if secret in text] == []
    assert "data-ecflink-hidden" in text and "CM/ECF account" in text
    # The browser's answer, from the browser's own marks; the raw page, without its stylesheet, reads otherwise.
    assert classify(snapshot)["page"] == "link_verify" == reports(browser)[-1]["kind"]
    raw = tmp_path / "raw.html"
    raw.write_text(VERIFY)
    assert classify(raw, url)["page"] == "link_done"
    driver.switch_to.window(page)


def test_an_unrecognised_page_offers_a_snapshot_in_the_overlay(browser, court_pages):
    browser.driver.get(f"{COURT}/cgi-bin/Sealed.pl")
    hint = read_hint(browser.driver)
    assert hint["kind"] == "unknown" and "does not recognise this page" in hint["text"]
    browser.driver.find_element(By.NAME, "docpw").send_keys("Planted-Pa55word!")
    walker = Walker(browser, None)
    walker.press("Save a redacted snapshot")
    wait_for(lambda: walker.overlay_note().startswith("Saved as"), what="the overlay to say where it was saved")
    [snapshot] = saved_snapshots(browser)
    assert classify(snapshot)["page"] == "unknown"
    text = snapshot.read_text()
    assert "reason: unrecognised" in text and "Planted-Pa55word" not in text and "cookie-secret" not in text
