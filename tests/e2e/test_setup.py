"""First run without the helper app, in both browsers: a court page says in one line that setup is
unfinished and opens the setup page (once); the page gives the install command for this browser
with this extension's ID, and "Check again" finds a helper app registered after it was opened."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from ecflink.practice.browsers import BROWSERS, launch, open_extension_page, read_hint, register_host
from tests.e2e.helpers import panel_speech, require_browser, stored_court_probes, wait_for

pytestmark = pytest.mark.e2e


@pytest.fixture(params=BROWSERS)
def bare(request, network, world, keyring_daemon, tmp_path):
    """The browser with the extension and no helper app registered: its own, since what is tested is
    a first start without the helper app (the setup page opens once per profile)."""
    require_browser(request.param)
    with launch(request.param, tmp_path / request.param, network, with_host=False) as session:
        yield session


SETUP_TABS = """
const done = arguments[0];
const api = globalThis.browser ?? globalThis.chrome;
api.tabs.query({}).then((tabs) => done(tabs.filter((t) => (t.url ?? "").endsWith("/setup.html")).length));
"""


def setup_tabs(session) -> int:
    """How many tabs show the setup page, as the extension sees its own pages (chromedriver does
    not list tabs an extension opened). Leaves the current tab on the popup."""
    open_extension_page(session, "popup.html")
    return session.driver.execute_async_script(SETUP_TABS)


def test_without_the_helper_app_the_setup_page_opens_and_then_finds_it(bare):
    driver = bare.driver
    driver.get("https://ecf.txwd.uscourts.gov/")
    hint = read_hint(driver)
    assert hint["tone"] == "problem" and "setup is not finished" in hint["text"]
    # A problem says so in a word, and is announced at once.
    assert panel_speech(driver) == {"tone": "Check this", "hint": "assertive", "note": "polite"}
    wait_for(lambda: setup_tabs(bare) == 1, what="the setup page, opened once")
    driver.get("https://ecf.txwb.uscourts.gov/")  # a second court page: not opened again
    read_hint(driver)
    assert setup_tabs(bare) == 1

    open_extension_page(bare, "setup.html")
    commands = driver.find_element(By.ID, "commands").text
    [extension_id] = {"chromium": ["dnoemiijmalcmkkakcjacpiboohkbigg"], "firefox": ["ecflink@ecflink.org"]}[bare.name]
    family = "firefox" if bare.name == "firefox" else "chromium"
    assert f"ecflink install --browser {family} --extension-id {extension_id}" in commands
    assert commands.startswith("pipx install ecflink-0.1.0-py3-none-any.whl")
    result = driver.find_element(By.ID, "result")
    driver.find_element(By.ID, "check").click()
    wait_for(lambda: result.get_attribute("data-found") == "false", what="the first check")
    assert result.text.startswith("Not yet: the browser could not start ecflink’s helper app")

    register_host(bare.name, bare.folder)
    driver.find_element(By.ID, "check").click()
    wait_for(lambda: result.get_attribute("data-found") == "true", what="the helper app found")
    assert "Found ecflink’s helper app (version 0.1.0)" in result.text
    driver.get("https://ecf.txwd.uscourts.gov/")
    assert read_hint(driver, kind="court_home")["tone"] == "step"


def test_the_popup_offers_the_setup_page(bare):
    driver = bare.driver
    open_extension_page(bare, "popup.html")
    button = driver.find_element(By.ID, "setup")
    wait_for(button.is_displayed, what="the popup's Finish setup")
    assert "setup is not finished" in driver.find_element(By.ID, "message").text
    button.click()
    wait_for(lambda: driver.execute_async_script(SETUP_TABS) == 1, what="the setup page from the popup")


def test_without_the_helper_app_a_kept_probe_table_still_says_setup_is_unfinished(bare):
    """The court pages' probe table kept from an earlier helper app (since removed): the page is
    measured at once, its facts cannot be sent, and the panel says why, as without a kept table."""
    kept = {"type": "probes", "probes": {"menubar": {"selector": "#topmenu"}}, "watch": False, "table": "ecf-00000000"}
    assert stored_court_probes(bare, kept)["table"] == "ecf-00000000"
    bare.driver.get("https://ecf.txwd.uscourts.gov/")
    hint = read_hint(bare.driver)
    assert hint["tone"] == "problem" and "setup is not finished" in hint["text"]
