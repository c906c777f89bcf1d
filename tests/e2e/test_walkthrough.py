"""The whole link procedure on the simulated court, in both browsers, with the right hint at each step."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from ecflink.practice.browsers import read_hint
from ecflink.courts import court_for
from ecflink.guide import PageContext, advise
from ecflink.progress import ProgressStore
from ecflink.practice.sim.court import COURTS
from ecflink.practice.walkthrough import SUBMIT, Walker, demo_filer
from tests.e2e.helpers import PROCEDURE, as_shown, rendered_after_answer, reports, wait_for

pytestmark = pytest.mark.e2e

# The element each step's hint points at, as (probe, CSS selector of the real element).
POINTS_AT = {
    "court_home": "a[href='/cgi-bin/login.pl']",
    "pacer_login": "#loginForm\\:loginName",
    "redaction_notice": "#regmsg\\:chkRedact",
    "mfa": "#mfaForm\\:mfaInput",
    "ecf_unlinked": "#topmenu a[href*='Utilities']",
    "link_form": "input[name=ecf_login]",
    "link_verify": SUBMIT,
}


def progress(session) -> ProgressStore:
    return ProgressStore(session.data_dir / "progress.sqlite3")


def ring_covers(driver, css: str) -> bool:
    """The overlay's ring is drawn around the element `css` names."""
    ring = driver.find_element(By.CSS_SELECTOR, "[data-ecflink=overlay]").shadow_root.find_element(
        By.CSS_SELECTOR, ".ring"
    )
    box, target = ring.rect, driver.find_element(By.CSS_SELECTOR, css).rect
    return (
        ring.is_displayed()
        and box["x"] <= target["x"]
        and box["y"] <= target["y"]
        and box["x"] + box["width"] >= target["x"] + target["width"]
        and box["y"] + box["height"] >= target["y"] + target["height"]
    )


@pytest.mark.parametrize("court", sorted(COURTS))
def test_full_procedure_with_the_right_hint_at_each_step(browser, world, court):
    checked = []

    def check(step):
        court_record = court_for(f"https://ecf.{court}.uscourts.gov/")
        state = {"ecf_linked": "linked", "link_done": "link_confirmed"}.get(step.kind, "in_progress")
        way_in = {"way_in_text": f"{COURTS[court].short} - Document Filing System"}  # the home page's own words
        expected = advise(
            step.kind,
            PageContext(
                court_record,
                state=state if step.kind != "court_home" else None,
                listed=way_in if step.kind == "court_home" else {},
            ),
        )
        assert step.hint["text"] == as_shown(expected.text), step
        assert step.hint["tone"] == expected.tone
        if step.kind in POINTS_AT:
            assert step.hint["target"] == expected.target
            # The ring follows its element within half a second of any layout change.
            wait_for(lambda: ring_covers(browser.driver, POINTS_AT[step.kind]), 3, f"the ring on {step.kind}")
        checked.append(step.kind)

    walker = Walker(browser, world, on_step=check)
    walker.link(court, demo_filer(world, court))
    assert checked == PROCEDURE
    record = progress(browser).get(court)
    assert record.state == "linked" and record.linked_at
    assert progress(browser).events(court) == PROCEDURE[1:]
    menus = {"district": "Civil and Criminal", "bankruptcy": "Bankruptcy and Adversary"}[COURTS[court].type]
    assert menus in walker.steps[-1].hint["text"]
    # The host saw each page of this court as that court.
    assert {r["court"] for r in reports(browser)} == {court}


def test_once_done_the_courts_filing_pages_show_no_panel(browser, world):
    """The panel says "Done" on the page that records the link; the court's filing pages after it
    (here the same page loaded again, a new document) show no panel at all."""
    walker = Walker(browser, world)
    walker.link("txwd", demo_filer(world, "txwd"))
    assert walker.steps[-1].kind == "ecf_linked" and walker.steps[-1].hint["tone"] == "done"
    seen = len(reports(browser))
    browser.driver.refresh()
    wait_for(lambda: len(reports(browser)) > seen, what="the reloaded page's report")
    assert reports(browser)[-1]["kind"] == "ecf_linked"
    rendered_after_answer(browser.driver)  # a panel is drawn as the host's answer arrives
    assert not browser.driver.find_elements(By.CSS_SELECTOR, "[data-ecflink=overlay]")


def test_wrong_pacer_password_then_legacy_username(browser, world):
    walker = Walker(browser, world)
    walker.open_court("txwd")
    walker.log_in("jdoe2024", "wrong-password")
    hint = read_hint(browser.driver, kind="pacer_login", timeout=15)
    walker_hint = lambda: read_hint(browser.driver, kind="pacer_login")  # noqa: E731
    wait_for(lambda: "did not accept" in walker_hint()["text"], what="the rejected-login hint")
    assert walker_hint()["tone"] == "problem"
    walker.type_into("#loginForm\\:loginName", "jd1234")
    walker.type_into("#loginForm\\:password", "Legacy-Pass-1")
    browser.driver.execute_script("document.getElementById('loginForm:pclLoginMessages').replaceChildren()")
    walker.find("#loginForm\\:fbtnLogin").click()
    wait_for(lambda: "legacy 6-character" in walker_hint()["text"], what="the legacy-username hint")
    assert hint["kind"] == "pacer_login"


def test_wrong_mfa_code(browser, world):
    walker = Walker(browser, world)
    walker.open_court("txwb")
    walker.log_in("jdoe2024", "Pacer-Pass-2024")
    walker.acknowledge_redaction()
    walker.expect("One-time code", "mfa")
    walker.type_into("#mfaForm\\:mfaInput", "000000")
    walker.find("#mfaForm\\:btnOk").click()
    wait_for(lambda: "not accepted" in read_hint(browser.driver, kind="mfa")["text"], what="the rejected-code hint")


def logged_in_at_link_form(browser, world, court="txwd") -> Walker:
    walker = Walker(browser, world)
    walker.reach_link_form(court, "jdoe2024", "Pacer-Pass-2024")
    return walker


@pytest.mark.parametrize(
    "login, password, phrase",
    [
        ("jdoe", "not-the-password", "did not accept that login or password"),
        ("rroe", "Ecf-Roe-1", "already linked to a PACER account"),
        ("doe&co", "Ecf-Amp-1", "& @ $ or * cannot be linked"),
    ],
)
def test_link_form_errors(browser, world, login, password, phrase):
    walker = logged_in_at_link_form(browser, world)
    walker.submit_link_form(login, password)
    hint = read_hint(browser.driver, kind="link_form")
    assert phrase in hint["text"] and hint["tone"] == "problem"
    assert progress(browser).get("txwd").state == "in_progress"
    # And the filer can still finish with the right login.
    walker.submit_link_form("jdoe", "Ecf-Txwd-1")
    walker.confirm_link()
    assert progress(browser).get("txwd").state == "linked"
