"""A shared firm PACER account on the verify page: warned, and Submit held until confirmed."""

from __future__ import annotations

import contextlib
import os
import signal

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.keys import Keys

from ecflink.practice.browsers import BROWSERS, BrowserUnavailable, launch, open_extension_page, read_hint
from ecflink.practice.sim.network import Response
from ecflink.practice.walkthrough import SUBMIT, Walker
from tests.e2e.helpers import host_log, host_pids, left, require_browser, wait_for, watch_leaving
from tests.variants import all_variants

pytestmark = pytest.mark.e2e


def to_verify_page(browser, world, pacer: str, password: str, court: str, login: str, ecf_password: str) -> Walker:
    walker = Walker(browser, world)
    walker.reach_link_form(court, pacer, password)
    walker.submit_link_form(login, ecf_password)
    return walker


def held(walker) -> None:
    """The hold stopped what was just done (since watch_leaving): its listener, which runs before the
    page's and before the browser's own default action, said so in the panel, and the page never
    began to go (a submission starts the navigation before its request is sent)."""
    wait_for(
        lambda: "Submit is held" in walker.overlay_note(),
        what="the hold's word in the panel",
        ignoring=(WebDriverException,),  # the panel being drawn again
    )
    assert not left(walker.driver)


def confirm_in_panel(walker) -> None:
    """The user confirms in ecflink's panel, once its button is active, that both accounts are theirs."""
    wait_for(lambda: walker.overlay_button().get_attribute("aria-disabled") == "false", what="the active button")
    walker.overlay_button().click()
    wait_for(lambda: walker.overlay_note().startswith("Confirmed."), what="the confirmation")


@pytest.mark.parametrize(
    "court, login, ecf_password",
    [
        ("txwd", "jdoe", "Ecf-Txwd-1"),  # the accounts in a table inside the form
        ("txwb", "jdoe_bk", "Ecf-Txwb-1"),  # in a definition list outside the form
    ],
)
def test_firm_account_blocks_submit_until_confirmed(browser, world, court, login, ecf_password):
    walker = to_verify_page(browser, world, "smithlaw1", "Firm-Pass-1", court, login, ecf_password)
    hint = read_hint(browser.driver, kind="link_verify")
    assert hint["tone"] == "problem" and "Smith & Associates LLP" in hint["text"] and "locks out" in hint["text"]
    assert walker.overlay_button().text == "These are both my own individual accounts"
    # Submit is held: the page stays, nothing is linked.
    assert "Submit is held" not in walker.overlay_note()
    watch_leaving(browser.driver)
    walker.find(SUBMIT).click()
    held(walker)
    assert world.pending and world.ecf[(court, login)].linked_to is None
    # Assistive technology is told too: the held Submit is disabled and described by the reason.
    submit = walker.find(SUBMIT)
    reason = browser.driver.find_element("id", "ecflink-held-reason").get_attribute("textContent")
    assert submit.get_attribute("aria-disabled") == "true" and "ecflink-held-reason" in submit.get_attribute(
        "aria-describedby"
    )
    assert reason.startswith("Held by ecflink") and "Confirm in ecflink’s panel" in reason
    # Confirmed in the overlay: the page's Submit is as it was, and the next Submit goes through.
    confirm_in_panel(walker)
    assert submit.get_attribute("aria-disabled") is None and submit.get_attribute("aria-describedby") is None
    assert not browser.driver.find_elements("id", "ecflink-held-reason")
    walker.find(SUBMIT).click()
    walker.expect("Link confirmed", "link_done")
    assert world.ecf[(court, login)].linked_to == "smithlaw1"


def test_another_persons_account_is_flagged(browser, world):
    to_verify_page(browser, world, "rroe2019", "Roe-Pass-1", "ilnd", "janedoe", "Ecf-Ilnd-1")
    hint = read_hint(browser.driver, kind="link_verify")
    assert "Richard Roe" in hint["text"] and "Jane Doe" in hint["text"] and hint["tone"] == "problem"


def test_individual_account_passes_with_no_warning_and_no_hold(browser, world):
    walker = to_verify_page(browser, world, "jdoe2024", "Pacer-Pass-2024", "txwb", "jdoe_bk", "Ecf-Txwb-1")
    hint = read_hint(browser.driver, kind="link_verify")
    assert hint["text"].startswith("Check before you submit")
    assert not walker.overlay_button().is_displayed()
    walker.find(SUBMIT).click()
    walker.expect("Link confirmed", "link_done")


def test_a_listed_shared_username_warns_right_after_login(browser, world):
    walker = Walker(browser, world)
    walker.save_pacer_accounts("jdoe2024", ["smithlaw1"])
    walker.open_court("txwd")
    walker.log_in("smithlaw1", "Firm-Pass-1")
    hint = read_hint(browser.driver, kind="redaction_notice")
    wait_for(
        lambda: "shared firm" in read_hint(browser.driver, kind="redaction_notice")["text"],
        what="the shared-username warning",
    )
    assert (
        read_hint(browser.driver, kind="redaction_notice")["tone"] == "problem" and hint["kind"] == "redaction_notice"
    )


def test_own_username_passes_with_no_warning(browser, world):
    walker = Walker(browser, world)
    walker.save_pacer_accounts("jdoe2024", ["smithlaw1"])
    walker.open_court("txwb")
    walker.log_in("jdoe2024", "Pacer-Pass-2024")
    hint = walker.expect("Redaction acknowledgement", "redaction_notice")
    assert hint["tone"] == "step" and hint["text"].startswith("Tick")


@pytest.fixture(params=BROWSERS)
def firm_browser(request, network, world, keyring_daemon, tmp_path):
    """The browser under a firm policy (managed storage) listing `firmadmin` and `smithlaw1`: its own,
    since the policy is laid down before the browser starts."""
    name = request.param
    require_browser(name)
    try:
        with launch(name, tmp_path / name, network, firm_shared_usernames=["firmadmin", "smithlaw1"]) as session:
            yield session
    except BrowserUnavailable as exc:
        pytest.skip(f"no firm policy for {name} here: {exc}")


def test_a_firm_policy_list_is_honoured_and_cannot_be_removed(firm_browser, world):
    walker = Walker(firm_browser, world)
    # The options page shows the firm's list; saving the user's own settings leaves it in force.
    walker.save_pacer_accounts("jdoe2024", [])
    names = [li.text for li in firm_browser.driver.find_elements("css selector", "#firm-names li")]
    assert names == ["firmadmin", "smithlaw1"] and walker.find("#firm").is_displayed()
    assert "firm policy: 2 shared PACER usernames" in host_log(firm_browser)
    walker.open_court("txwd")
    walker.log_in("smithlaw1", "Firm-Pass-1")
    hint = wait_for(
        lambda: (h := read_hint(firm_browser.driver, kind="redaction_notice")) and "your firm lists" in h["text"] and h,
        what="the firm-list warning at login",
    )
    assert hint["tone"] == "problem" and "smithlaw1" in hint["text"]
    # Through to the verify page: Submit held, with the firm's word as the reason.
    walker.acknowledge_redaction()
    walker.pass_mfa("smithlaw1")
    walker.open_link_form()
    walker.submit_link_form("jdoe", "Ecf-Txwd-1")
    verify = read_hint(firm_browser.driver, kind="link_verify")
    assert verify["tone"] == "problem" and "your firm lists" in verify["text"] and "Submit is held" in verify["text"]
    watch_leaving(firm_browser.driver)
    walker.find(SUBMIT).click()
    held(walker)
    assert world.ecf[("txwd", "jdoe")].linked_to is None


def test_without_a_policy_the_firm_list_is_empty(browser, world):
    walker = Walker(browser, world)
    open_extension_page(browser, "options.html")
    wait_for(lambda: browser.driver.find_elements("css selector", "#court option"), what="the options page")
    wait_for(lambda: "firm policy: 0 shared PACER usernames" in host_log(browser), what="the empty policy")
    assert not walker.find("#firm").is_displayed()


def test_a_page_that_may_be_the_verify_page_gets_the_caution_and_holds_submit(browser, network, world):
    """Both accounts named beside a Submit, in words the verify rule does not read: not certain, and
    a link cannot be undone, so the caution and the hold (tests/variants.py's possible verify page)."""
    page = next(v for v in all_variants() if v.rule == "link_verify_possible")
    posted = []

    def app(request):
        if request.host == "ecf.txwd.uscourts.gov" and request.path.startswith("/cgi-bin/Link.pl"):
            posted.append(request.method)
            return Response(body=page.html.encode())
        return world.app(request)

    network.app = app
    browser.driver.get(page.url)
    hint = read_hint(browser.driver, kind="link_verify")
    assert hint["tone"] == "problem" and "cannot be undone" in hint["text"] and hint["target"] == "verify_submit"
    walker = Walker(browser, world)
    watch_leaving(browser.driver)
    walker.find("input[type=submit]").click()
    held(walker)
    assert posted == ["GET"]


# What a verify page could do to get past the hold (security audit F7): each is added to the
# simulated court's verify page, for a shared firm account; nothing may be linked before Confirm.
TOKEN_FORM = 'document.querySelector("input[name=token]").form'
BYPASSES = {
    "its Submit calls form.submit()": (
        f'<script>{TOKEN_FORM}.querySelector("input[type=submit]").setAttribute("onclick", '
        '"this.form.submit(); return false")</script>',
        SUBMIT,
    ),
    "its own capture listener first": (
        "<script>addEventListener('submit', (event) => event.stopImmediatePropagation(), true);</script>",
        SUBMIT,
    ),
    "a javascript: link": (f"<p><a id=\"go\" href='javascript:{TOKEN_FORM}.submit()'>Continue</a></p>", "#go"),
    "Enter in one of its fields": (
        f'<script>{TOKEN_FORM}.insertAdjacentHTML("afterbegin", \'<input id="note" type="text" name="note">\')</script>',
        "#note",
    ),
    "a click before the hint arrives": (
        f'<script>document.addEventListener("DOMContentLoaded", () => '
        f'{TOKEN_FORM}.querySelector("input[type=submit]").click());</script>',
        None,
    ),
}


def with_verify_page_extra(world, network, extra: str):
    """Serve `world`, adding `extra` to the end of its verify page."""

    def app(request):
        response = world.app(request)
        if request.method == "POST" and b'name="token"' in response.body:
            response.body = response.body.replace(b"</body>", extra.encode() + b"</body>")
        return response

    network.app = app


@pytest.mark.parametrize("bypass", list(BYPASSES))
def test_the_hold_stops_every_way_a_page_submits(browser, world, network, bypass):
    extra, then = BYPASSES[bypass]
    with_verify_page_extra(world, network, extra)
    walker = to_verify_page(browser, world, "smithlaw1", "Firm-Pass-1", "txwd", "jdoe", "Ecf-Txwd-1")
    hint = read_hint(browser.driver, kind="link_verify")
    assert "Submit is held" in hint["text"]
    watch_leaving(browser.driver)
    if then == "#note":
        walker.find("#note").send_keys("x", Keys.ENTER)
        held(walker)
    elif then:
        walker.find(then).click()
        held(walker)
    # (With none, the page clicked its Submit as it loaded: the verify page's hint, read above,
    # came after, so the page was still there.)
    assert world.ecf[("txwd", "jdoe")].linked_to is None and world.pending
    # Still the user's choice: it can be confirmed in the panel.
    confirm_in_panel(walker)


def test_without_the_helper_app_a_page_after_the_link_form_stays_held(browser, world, network):
    """The host is gone when the verify page loads: ecflink cannot judge it, so the hold stays and
    the panel says so; the user may still confirm."""
    walker = Walker(browser, world)
    walker.reach_link_form("txwd", "smithlaw1", "Firm-Pass-1")
    walker.expect("Link form", "link_form")
    launcher = browser.data_dir / "host" / "ecflink-host"
    launcher.rename(launcher.with_name("ecflink-host.away"))
    for pid in host_pids(browser):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    try:
        walker.submit_link_form("jdoe", "Ecf-Txwd-1")
        hint = read_hint(browser.driver)
        assert "cannot reach its helper app" in hint["text"] and "Submit is held" in hint["text"]
        watch_leaving(browser.driver)
        walker.find(SUBMIT).click()
        held(walker)
        assert world.ecf[("txwd", "jdoe")].linked_to is None and world.pending
        confirm_in_panel(walker)
        walker.find(SUBMIT).click()
        wait_for(lambda: world.ecf[("txwd", "jdoe")].linked_to == "smithlaw1", what="the link after Confirm")
    finally:
        launcher.with_name("ecflink-host.away").rename(launcher)
