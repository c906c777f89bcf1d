"""The overlay and the channel in both browsers: court page -> content script -> background -> host -> overlay."""

from __future__ import annotations

import os
import signal

import pytest
from tests.e2e.helpers import as_shown, host_log, host_pids, page_reports, rendered_after_answer, reports, wait_for
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from ecflink.practice.browsers import read_overlay
from ecflink.courts import court_for
from ecflink.guide import PageContext, advise
from ecflink.practice.sim.court import COURTS

pytestmark = pytest.mark.e2e

OVERLAY = "[data-ecflink=overlay]"


def expected_hint(url: str) -> str:
    """What the host's guide says on a court's home page."""
    court = court_for(url)
    way_in = {"way_in_text": f"{COURTS[court.id].short} - Document Filing System"}  # the simulated home page's words
    return as_shown(advise("court_home", PageContext(court, {}, listed=way_in)).text)


def overlay_present(driver) -> bool:
    return driver.execute_script(f"return document.querySelector('{OVERLAY}') !== null")


@pytest.mark.parametrize("url", ["https://ecf.txwd.uscourts.gov/", "https://ecf.txwb.uscourts.gov/"])
def test_court_page_shows_the_hosts_hint(browser, url):
    browser.driver.get(url)
    assert read_overlay(browser.driver) == expected_hint(url)
    family = "chromium" if browser.name == "chromium" else "firefox"
    assert f"started for {family} extension" in host_log(browser)
    assert page_reports(browser) == [url.split(".")[1]]
    assert reports(browser)[0]["kind"] == "court_home"


def test_overlay_is_closed_to_the_page_and_accessible(browser):
    driver = browser.driver
    driver.get("https://ecf.txwd.uscourts.gov/")
    read_overlay(driver)
    assert driver.execute_script(f"return document.querySelector('{OVERLAY}').shadowRoot") is None
    root = driver.find_element(By.CSS_SELECTOR, OVERLAY).shadow_root
    region = root.find_element(By.CSS_SELECTOR, "section")
    assert (region.get_attribute("role"), region.get_attribute("aria-label")) == ("region", "ecflink")
    assert root.find_element(By.CSS_SELECTOR, ".hint").get_attribute("aria-live") == "polite"
    button = root.find_element(By.CSS_SELECTOR, "button.dismiss")
    assert button.get_attribute("aria-label") == "Dismiss ecflink hint"
    # Passive: showing the hint did not move focus into it.
    assert driver.execute_script("return document.activeElement === document.body")
    # Unobtrusive: a small panel in the corner; the layer it sits in lets clicks through.
    box = root.find_element(By.CSS_SELECTOR, ".panel").rect
    viewport = driver.execute_script("return [innerWidth, innerHeight]")
    assert box["width"] <= 400 and box["x"] + box["width"] <= viewport[0] and box["y"] + box["height"] <= viewport[1]
    assert box["x"] > viewport[0] / 2 and box["y"] > viewport[1] / 2
    link = driver.find_element(By.PARTIAL_LINK_TEXT, "Document Filing System")
    assert driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return document.elementFromPoint(r.x + 2, r.y + 2) === arguments[0]",
        link,
    )


@pytest.mark.parametrize("key", [Keys.ENTER, Keys.ESCAPE])
def test_overlay_is_reached_with_tab_and_dismissed_from_the_keyboard(browser, key):
    driver = browser.driver
    driver.get("https://ecf.txwd.uscourts.gov/")
    read_overlay(driver)
    # The page has one link; the panel's buttons are the next stops in the tab order (on this page
    # only its tools: collapse, then ×). Escape closes it from any of them; Enter on ×.
    driver.execute_script("document.activeElement.blur()")
    for _ in range(2):
        ActionChains(driver).send_keys(Keys.TAB).perform()
    assert driver.execute_script(f"return document.activeElement === document.querySelector('{OVERLAY}')")
    if key == Keys.ENTER:
        ActionChains(driver).send_keys(Keys.TAB).perform()
        assert driver.execute_script(f"return document.activeElement === document.querySelector('{OVERLAY}')")
    ActionChains(driver).send_keys(key).perform()
    wait_for(lambda: not overlay_present(driver), 5, "the overlay to close")


def test_page_styles_cannot_hide_the_overlay(browser):
    driver = browser.driver
    driver.get("https://ecf.txwd.uscourts.gov/")
    read_overlay(driver)
    driver.execute_script(
        "const s = document.createElement('style');"
        "s.textContent = 'div { display: none !important; position: static !important }';"
        "document.head.append(s)"
    )
    host = driver.find_element(By.CSS_SELECTOR, OVERLAY)
    assert host.is_displayed()
    assert host.value_of_css_property("position") == "fixed"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.uscourts.gov/",
        "https://ecf-txwd.uscourts.gov/",
        "https://xecf.txwd.uscourts.gov/",
        "https://ecf.ca5.uscourts.gov/",
    ],
)
def test_uscourts_pages_that_are_not_a_guided_court_are_not_touched(browser, url):
    """The content scripts run only on the guided courts' CM/ECF sites and PACER's login (the
    manifest lists them from the court table): other uscourts.gov hosts are never touched."""
    browser.driver.get(url)
    assert_untouched_then_control(browser)


def assert_untouched_then_control(browser):
    """No overlay; then a court page in the same tab is reported, and it is the only report: the page
    before never was. (Its content script, had it run, would have sent its report as the page
    loaded, before this one's: the background and the host answer a tab's messages in order.)"""
    rendered_after_answer(browser.driver)
    assert not overlay_present(browser.driver)
    browser.driver.get("https://ecf.txwd.uscourts.gov/")
    read_overlay(browser.driver)
    assert page_reports(browser) == ["txwd"]


@pytest.mark.parametrize("url", ["https://ecf.txwd.uscourts.gov.evil.example/", "https://www.example-firm.test/"])
def test_pages_outside_the_match_pattern_are_not_touched(browser, url):
    browser.driver.get(url)
    assert browser.driver.current_url == url
    assert_untouched_then_control(browser)


def test_plain_http_court_page_is_not_touched(browser):
    driver = browser.driver
    driver.get("http://ecf.txwd.uscourts.gov/")
    if browser.name == "chromium":
        # Chromium's HSTS preload list covers uscourts.gov: it loads the https page instead,
        # which is the real court page and rightly gets its hint.
        assert driver.current_url == "https://ecf.txwd.uscourts.gov/"
        assert read_overlay(driver) == expected_hint("https://ecf.txwd.uscourts.gov/")
        return
    assert driver.current_url == "http://ecf.txwd.uscourts.gov/"
    assert_untouched_then_control(browser)


def test_reconnects_after_the_host_exits(browser):
    driver = browser.driver
    driver.get("https://ecf.txwd.uscourts.gov/")
    read_overlay(driver)
    (pid,) = host_pids(browser)
    os.kill(pid, signal.SIGKILL)
    driver.get("https://ecf.txwb.uscourts.gov/")
    assert read_overlay(driver) == expected_hint("https://ecf.txwb.uscourts.gov/")
    pids = host_pids(browser)
    assert len(pids) == 2 and pids[1] != pid


def test_one_persistent_host_serves_many_pages(browser):
    driver = browser.driver
    for url in ["https://ecf.txwd.uscourts.gov/", "https://ecf.txwb.uscourts.gov/", "https://ecf.txwd.uscourts.gov/"]:
        driver.get(url)
        assert read_overlay(driver) == expected_hint(url)
    assert len(host_pids(browser)) == 1
    assert page_reports(browser) == ["txwd", "txwb", "txwd"]


def test_firefox_session_keeps_the_add_on_files_in_its_own_folder(browser):
    """geckodriver writes each add-on it installs to the temporary folder and never removes it: a
    session's must land in its own folder, not pile up in the machine's /tmp run after run."""
    if browser.name != "firefox":
        pytest.skip("geckodriver only")
    assert sorted(p.suffix for p in (browser.folder / "tmp").glob("addon-*")) == [".xpi"]
