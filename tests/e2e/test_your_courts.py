"""Your courts in both browsers: the popup lists them first, with states from a walkthrough; a
court's home page says what is missing before linking; the options page adds and removes a court."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from ecflink.practice.browsers import open_extension_page, read_hint
from ecflink.practice.walkthrough import Walker, demo_filer
from tests.e2e.helpers import panel_speech, wait_for

pytestmark = pytest.mark.e2e


def courts_in(driver, css: str) -> list[list[str]]:
    """[court id, state] of each element `css` finds, read in one step (the lists are redrawn)."""
    script = "return [...document.querySelectorAll(arguments[0])].map((e) => [e.dataset.court, e.dataset.state])"
    return driver.execute_script(script, css)


def listed(driver, list_id: str) -> list[tuple[str, str]]:
    """(court id, state) of each court in one of the popup's lists."""
    return [(court, state) for court, state in courts_in(driver, f"#{list_id} > li")]


def test_the_popup_lists_your_courts_first_with_their_states(browser, world):
    walker = Walker(browser, world)
    walker.link("txwd", demo_filer(world, "txwd"))
    browser.driver.get("https://ecf.txwb.uscourts.gov/cgi-bin/login.pl")  # logged in already: no filing menus
    read_hint(browser.driver, kind="ecf_unlinked")
    open_extension_page(browser, "popup.html")
    driver = browser.driver
    wait_for(lambda: listed(driver, "yours"), what="the popup's courts")
    assert listed(driver, "yours") == [("txwb", "in_progress"), ("txwd", "linked")]  # by name
    txwb, txwd = driver.find_elements(By.CSS_SELECTOR, "#yours > li")
    assert "in progress" in txwb.text and "Finish linking at U.S. Bankruptcy Court" in txwb.text
    assert "NextGen CM/ECF 1.7.1.1" in txwb.text and "CM/ECF help desk: 210-472-6720" in txwb.text
    todo = [li.get_attribute("data-point") for li in txwb.find_elements(By.CSS_SELECTOR, ".readiness li")]
    assert "cmecf_login" in todo  # no login stored for txwb
    assert "Nothing to do: linked on" in txwd.text and not txwd.find_elements(By.CSS_SELECTOR, ".readiness")
    # The PACER account's points, what is left to do first.
    account = driver.find_elements(By.CSS_SELECTOR, "#account > li")
    assert [li.get_attribute("data-point") for li in account] == ["mfa", "backup_codes", "email", "password_age"]
    assert [li.get_attribute("class") for li in account] == ["todo", "todo", "todo", "unknown"]
    assert "every 180 days" in account[-1].text
    assert listed(driver, "others") == [] and "189 other courts" in driver.find_element(By.ID, "found").text
    driver.find_element(By.ID, "search").send_keys("ilnd")
    wait_for(lambda: listed(driver, "others") == [("ilnd", "not_started")], what="the search's court")
    assert driver.find_element(By.ID, "found").text == "1 found"
    # A court that files new cases in ACMS is found too, with nothing to link there.
    driver.find_element(By.ID, "search").clear()
    driver.find_element(By.ID, "search").send_keys("ninth circuit")
    ninth = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "#others > li.elsewhere"), what="the ACMS court")
    assert [li.get_attribute("data-court") for li in ninth] == ["ca9"]
    assert "ACMS" in ninth[0].text and "nothing to link" in ninth[0].text


def test_the_home_page_says_what_is_missing_before_linking(browser, world):
    walker = Walker(browser, world)
    walker.save_pacer_accounts("jdoe2024", [])
    for said in ("#mfa-ready", "#backup-codes-saved", "#email-checked"):
        walker.find(said).click()
    browser.driver.execute_script("document.getElementById('message').textContent = '';")
    walker.find("#save-accounts").click()
    wait_for(lambda: "Saved" in walker.find("#message").text, what="the account's answers saved")
    open_extension_page(browser, "options.html")  # read back from the helper app
    wait_for(lambda: walker.find("#email-checked").is_selected(), what="the answers read back")
    assert walker.find("#mfa-ready").is_selected() and walker.find("#backup-codes-saved").is_selected()
    browser.driver.get("https://ecf.txwd.uscourts.gov/")
    read_hint(browser.driver, kind="court_home")
    wait_for(lambda: walker.overlay_note(), what="the readiness line")
    assert walker.overlay_note().startswith("Before you link: Store your CM/ECF login for U.S. District Court")
    assert panel_speech(browser.driver) == {"tone": "Next step", "hint": "polite", "note": "polite"}
    walker.save_login("txwd", "jdoe_txwd", "old-password-1")
    browser.driver.get("https://ecf.txwd.uscourts.gov/")
    hint = read_hint(browser.driver, kind="court_home")
    assert "individual PACER account" in hint["text"] and walker.overlay_note() == ""


def test_the_options_page_adds_and_removes_a_court(browser, world):
    walker = Walker(browser, world)
    open_extension_page(browser, "options.html")
    driver = browser.driver
    wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "#add-court option"), what="the options page")
    yours = lambda: [court for court, _ in courts_in(driver, "#your-courts tr")]  # noqa: E731
    assert yours() == []
    Select(walker.find("#add-court")).select_by_value("cit")
    walker.find("#add-court-button").click()
    wait_for(lambda: yours() == ["cit"], what="the added court")
    assert "Added U.S. Court of International Trade" in walker.find("#message").text
    assert not driver.find_elements(By.CSS_SELECTOR, "#add-court option[value=cit]")
    open_extension_page(browser, "popup.html")
    wait_for(lambda: listed(driver, "yours") == [("cit", "not_started")], what="the court in the popup")
    open_extension_page(browser, "options.html")
    wait_for(lambda: yours() == ["cit"], what="the options page")
    walker.find("#your-courts tr[data-court=cit] button").click()
    wait_for(lambda: yours() == [], what="the court removed")
    assert "Removed U.S. Court of International Trade" in walker.find("#message").text
