"""Pages built to wear the content script down (bench/bad_pages.py: a 20 MB docket, a page with
thousands of forms, a login page that never stops changing): the host's instruction on them is right
or absent, never wrong. What the content script costs on them is measured by bench/run, not here."""

import sys
from pathlib import Path

import pytest

from ecflink.practice.browsers import host_log, read_hint
from ecflink.practice.sim.network import Response

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from bad_pages import BIG_DOCKET, MANY_FORMS, NOISY, bad_page  # noqa: E402

pytestmark = [pytest.mark.e2e, pytest.mark.reliability]


@pytest.fixture
def bad_pages(network, world):
    def app(request):
        page = bad_page(request.host, request.path)
        return world.app(request) if page is None else Response(body=page)

    network.app = app


def test_a_20_mb_docket_page(browser, bad_pages):
    browser.driver.get(BIG_DOCKET)
    assert read_hint(browser.driver, timeout=60)["kind"] == "ecf_unlinked"  # no Civil/Criminal menus on it


def test_three_thousand_forms_are_not_a_link_form(browser, bad_pages):
    browser.driver.get(MANY_FORMS)
    hint = read_hint(browser.driver)
    assert hint["kind"] == "ecf_unlinked" and "Utilities" in hint["text"], (hint, host_log(browser))


def test_a_page_that_never_stops_changing_is_still_followed(browser, bad_pages):
    browser.driver.get(NOISY)
    assert read_hint(browser.driver)["kind"] == "pacer_login"
    # The dialog appears after 3 s while the page keeps changing every 20 ms: it is still seen.
    assert read_hint(browser.driver, kind="redaction_notice", timeout=10)["kind"] == "redaction_notice"
