"""Filing menus that do not appear after linking: ecflink's ladder, with the browser parts done by
the extension (hard reload; clearing only the court's own cookies and cache)."""

from __future__ import annotations

import pytest

from ecflink.progress import ProgressStore
from ecflink.practice.walkthrough import SUBMIT, Walker
from tests.e2e.helpers import wait_for

pytestmark = pytest.mark.e2e


def linked_with_stale_menus(browser, world, mode: str) -> Walker:
    world.stale_menus = mode
    walker = Walker(browser, world)
    walker.reach_link_form("txwd", "jdoe2024", "Pacer-Pass-2024")
    walker.submit_link_form("jdoe", "Ecf-Txwd-1")
    walker.expect("Verify both accounts", "link_verify")
    walker.find(SUBMIT).click()
    walker.expect("Link confirmed", "link_done")
    walker.find("#topmenu a[href*='DisplayMenu.pl?Reports']").click()
    return walker


def fixes(browser) -> list[tuple[str, str]]:
    store = ProgressStore(browser.data_dir / "progress.sqlite3")
    try:
        return [(f.step, f.outcome) for f in store.fixes("txwd")]
    finally:
        store.close()


def test_stale_menus_recover_through_a_hard_reload(browser, world):
    walker = linked_with_stale_menus(browser, world, "cache")
    hint = walker.expect("Menus missing", "ecf_unlinked")
    assert hint["tone"] == "problem" and "hard reload" in hint["text"]
    # Opening the page again the ordinary way is not enough in this mode: the menus stay old.
    browser.driver.get(browser.driver.current_url)
    assert walker.expect("Still missing", "ecf_unlinked")["text"] == hint["text"]
    assert walker.recover_menus("jdoe2024", "Pacer-Pass-2024") == ["hard_reload"]
    assert walker.find("#topmenu a[href*='DisplayMenu.pl?CivilEvents']")
    assert fixes(browser) == [
        ("choose_menu", "offered"),
        ("hard_reload", "offered"),
        ("hard_reload", "done"),
        ("hard_reload", "recovered"),
    ]


def cookie_names(driver, url: str) -> set[str]:
    driver.get(url)
    return {c["name"] for c in driver.get_cookies()}


def test_cookie_stale_menus_recover_through_the_scoped_clear_and_other_sites_keep_their_cookies(browser, world):
    driver = browser.driver
    for url, cookie in [
        ("https://www.example-firm.test/", "firm_session=keep"),
        ("https://ecf.ilnd.uscourts.gov/", "ilnd_session=keep"),
    ]:
        driver.get(url)
        driver.execute_script(f"document.cookie = '{cookie}; path=/; Secure; max-age=3600'")
    walker = linked_with_stale_menus(browser, world, "cookie")
    assert "CMECFMenus" in {c["name"] for c in driver.get_cookies()}
    assert walker.recover_menus("jdoe2024", "Pacer-Pass-2024") == ["hard_reload", "relogin", "clear_court_data"]
    assert fixes(browser)[-3:] == [
        ("clear_court_data", "offered"),
        ("clear_court_data", "done"),
        ("clear_court_data", "recovered"),
    ]
    # The court's own cookie was replaced (new menus); PACER's sign-on cookie, which every court
    # shares, and the cookies of another court and another site were not touched.
    wait_for(
        lambda: cookie_names(driver, "https://ecf.txwd.uscourts.gov/") >= {"CMECFMenus", "NextGenCSO"},
        what="the court's fresh cookie and PACER's sign-on",
    )
    assert "ilnd_session" in cookie_names(driver, "https://ecf.ilnd.uscourts.gov/")
    assert "firm_session" in cookie_names(driver, "https://www.example-firm.test/")
