"""Every filer can use it (WCAG 2.2 A and AA), in both browsers: axe-core finds nothing on ecflink's
panel in each state (step, done, problem, held, collapsed) nor on its own pages; the whole procedure
works by keyboard alone; the panel collapses to a badge and stays so on the tab, follows the text
size the user chose in the browser, and never covers what its ring points at."""

from __future__ import annotations

import json

import pytest
from selenium.webdriver.common.by import By

from ecflink.practice.browsers import launch, open_extension_page, press_panel_shortcut, read_hint
from ecflink.progress import ProgressStore
from ecflink.practice.walkthrough import LOGIN_FIELD, SUBMIT, Walker, demo_filer
from tests.e2e.helpers import PAGE_RULES, PROCEDURE, axe_violations, panel_violations, require_browser, wait_for

pytestmark = pytest.mark.e2e


def assert_clean(violations: list[dict], where: str) -> None:
    assert not violations, f"axe-core on {where}:\n{json.dumps(violations, indent=1)}"


def panel_part(driver, css: str):
    return driver.find_element(By.CSS_SELECTOR, "[data-ecflink=overlay]").shadow_root.find_element(By.CSS_SELECTOR, css)


def is_collapsed(driver) -> bool:
    return panel_part(driver, ".panel").get_attribute("data-collapsed") is not None


def overlaps(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_the_whole_procedure_by_keyboard_alone_with_a_clean_panel_at_each_step(browser, world):
    """The login saved in the options page, each court and PACER page, the Fill button (through
    ecflink's shortcut) and Submit: Tab, Enter, Space, arrows and typed keys only."""
    checked = []

    def check(step):
        assert_clean(panel_violations(browser.driver), f"the panel on {step.kind} ({step.hint['tone']})")
        checked.append((step.kind, step.hint["tone"]))

    walker = Walker(browser, world, on_step=check, keyboard=True)
    walker.link("txwd", demo_filer(world, "txwd"), fill=True)
    assert [kind for kind, _ in checked] == PROCEDURE
    assert {tone for _, tone in checked} >= {"step", "done"}
    assert ProgressStore(browser.data_dir / "progress.sqlite3").get("txwd").state == "linked"


def test_the_panel_is_clean_when_it_warns_holds_and_collapses(browser, world):
    walker = Walker(browser, world)
    walker.reach_link_form("txwd", "smithlaw1", "Firm-Pass-1")
    walker.submit_link_form("jdoe", "Ecf-Txwd-1")
    assert read_hint(browser.driver, kind="link_verify")["tone"] == "problem"
    assert_clean(panel_violations(browser.driver), "the panel warning of a shared account")
    walker.click(SUBMIT)
    wait_for(lambda: "Submit is held" in walker.overlay_note(), what="the held note")
    # The held Submit with ecflink's description on it, and the panel saying so.
    assert_clean(axe_violations(browser.driver, walker.find(SUBMIT), off=PAGE_RULES), "the held Submit")
    assert_clean(panel_violations(browser.driver), "the panel with Submit held")
    panel_part(browser.driver, ".toggle").click()
    wait_for(lambda: is_collapsed(browser.driver), what="the badge")
    assert_clean(panel_violations(browser.driver), "the collapsed panel")
    # Submit tried again while collapsed: the hold's reason is shown, the panel open again.
    walker.click(SUBMIT)
    wait_for(lambda: not is_collapsed(browser.driver), what="the panel to open for the held note")
    assert world.ecf[("txwd", "jdoe")].linked_to is None


@pytest.mark.parametrize("page", ["popup.html", "options.html", "setup.html", "privacy.html"])
def test_ecflinks_own_pages_are_clean(browser, world, page):
    open_extension_page(browser, page)
    # Each page as the user reads it, once it has its content from the background and the host.
    ready = {"popup.html": "#data-date", "options.html": "#court", "setup.html": "#commands"}.get(page)
    if ready:
        wait_for(
            lambda: browser.driver.execute_script("return document.querySelector(arguments[0])?.textContent", ready),
            what=f"{page} filled in",
        )
    assert_clean(axe_violations(browser.driver), page)


def test_the_collapsed_panel_stays_a_badge_on_the_tabs_next_pages(browser, world):
    driver = browser.driver
    walker = Walker(browser, world)
    walker.open_court("txwd")
    read_hint(driver, kind="pacer_login")
    toggle = panel_part(driver, ".toggle")
    assert toggle.get_attribute("aria-expanded") == "true"
    toggle.click()
    wait_for(lambda: is_collapsed(driver), what="the badge")
    assert panel_part(driver, ".toggle").get_attribute("aria-expanded") == "false"
    assert not panel_part(driver, ".hint").is_displayed() and not panel_part(driver, ".ring").is_displayed()
    assert panel_part(driver, ".tone").is_displayed()  # the badge still says what kind of hint waits
    # The next page, in the same tab: a badge from the start.
    walker.type_into("#loginForm\\:loginName", "jdoe2024")
    walker.type_into("#loginForm\\:password", "Pacer-Pass-2024")
    walker.click("#loginForm\\:fbtnLogin")
    wait_for(
        lambda: panel_part(driver, ".panel").get_attribute("data-kind") == "redaction_notice", what="the next page"
    )
    assert is_collapsed(driver)
    # Expanded again by keyboard: ecflink's shortcut lands on the badge's button, Enter opens it.
    press_panel_shortcut(browser)
    walker.keys("\ue007")  # Enter
    wait_for(lambda: not is_collapsed(driver), what="the panel opened by keyboard")
    assert read_hint(driver, kind="redaction_notice")["text"]
    # Another tab starts with the panel open.
    toggle = panel_part(driver, ".toggle")
    toggle.click()
    wait_for(lambda: is_collapsed(driver), what="the badge")
    driver.switch_to.new_window("tab")
    driver.get("https://ecf.txwd.uscourts.gov/")
    read_hint(driver, kind="court_home")
    assert not is_collapsed(driver)


def at_the_link_form(session, world) -> Walker:
    """Jane Doe's CM/ECF login saved in the options page, and the link form open in txwd."""
    walker = Walker(session, world)
    walker.save_login("txwd", "jdoe", "Ecf-Txwd-1")
    walker.reach_link_form("txwd", "jdoe2024", "Pacer-Pass-2024")
    read_hint(session.driver, kind="link_form")
    return walker


def test_the_panel_moves_rather_than_cover_what_it_points_at(browser, world):
    driver = browser.driver
    walker = at_the_link_form(browser, world)
    assert panel_part(driver, ".panel").get_attribute("data-corner") == "bottom-right"
    # The page puts the login field where the panel is: the panel goes to another corner.
    driver.execute_script(
        "Object.assign(document.querySelector(arguments[0]).style,"
        " {position: 'fixed', right: '40px', bottom: '40px', width: '200px'})",
        LOGIN_FIELD,
    )
    wait_for(
        lambda: panel_part(driver, ".panel").get_attribute("data-corner") != "bottom-right", 3, what="another corner"
    )
    field = driver.find_element(By.CSS_SELECTOR, LOGIN_FIELD)
    assert not overlaps(panel_part(driver, ".panel").rect, field.rect)
    # Its button works there, once it has stood still for a moment.
    walker.fill_with_button()
    assert field.get_attribute("value") == "jdoe"


@pytest.fixture(params=["chromium", "firefox"])
def large_text_browser(request, network, world, keyring_daemon, tmp_path):
    """A browser whose user chose a larger default text size (24 px instead of 16): its own, since
    the text size is set as the browser starts."""
    require_browser(request.param)
    with launch(request.param, tmp_path / request.param, network, font_size=24) as session:
        yield session


def test_the_panel_follows_the_users_text_size_not_the_pages(large_text_browser, world):
    driver = large_text_browser.driver
    walker = at_the_link_form(large_text_browser, world)
    size = lambda: panel_part(driver, ".panel").value_of_css_property("font-size")  # noqa: E731
    assert size() == "21px"  # 0.875 of the user's 24 px
    # The page's own text size does not shrink it.
    driver.execute_script("document.documentElement.style.fontSize = '6px'; document.body.style.zoom = '1'")
    assert size() == "21px"
    # At that size its button still works: the click guards measure the panel in its own units.
    walker.fill_with_button()
    assert driver.find_element(By.CSS_SELECTOR, LOGIN_FIELD).get_attribute("value") == "jdoe"
