"""PACER's login page, which holds every dialog from its first load: the login hint while they are
hidden, the redaction hint once that dialog is shown, and PACER's own prompts (MFA enrolment with
and without Skip), in both browsers."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from ecflink.practice.sim import totp
from ecflink.practice.walkthrough import Walker
from ecflink.progress import ProgressStore

pytestmark = pytest.mark.e2e


def test_the_hidden_redaction_dialog_gets_the_login_hint_until_it_is_shown(browser, world):
    walker = Walker(browser, world)
    walker.open_court("txwd")
    hint = walker.expect("PACER login", "pacer_login")
    assert hint["text"].startswith("Log in with your individual")
    for dialog in ("redactionConfirmation", "userUpdateDlg", "popupMsgId"):  # in the page, not on screen
        assert not walker.find(f"#{dialog}").is_displayed()
    walker.type_into("#loginForm\\:loginName", "jdoe2024")
    walker.type_into("#loginForm\\:password", "Pacer-Pass-2024")
    walker.find("#loginForm\\:fbtnLogin").click()
    hint = walker.expect("Redaction acknowledgement", "redaction_notice")
    assert walker.find("#redactionConfirmation").is_displayed() and hint["target"] == "redaction_checkbox"


def up_to_the_mfa_notice(walker: Walker, title: str) -> dict:
    """Jane Doe's sign-in, as far as PACER's notice asking her to enrol in MFA: its hint."""
    walker.open_court("txwd")
    walker.log_in("jdoe2024", "Pacer-Pass-2024")
    walker.acknowledge_redaction()
    return walker.expect(title, "pacer_prompt")


def test_mfa_enrolment_with_skips_used_up_then_enrolled(browser, world):
    account = world.pacer["jdoe2024"]
    account.mfa_enrolled, account.mfa_skips = False, 0
    walker = Walker(browser, world)
    hint = up_to_the_mfa_notice(walker, "PACER requires MFA enrolment")
    # No Skip on screen: not a word about skipping.
    assert hint["tone"] == "problem" and "skip" not in hint["text"].lower() and "authentication app" in hint["text"]
    assert not browser.driver.find_elements(By.ID, "frmUserUpdate:bpmSkip")
    walker.find("#frmUserUpdate\\:bpmEnroll").click()  # the user adds the app, then enters its code
    walker.expect("One-time code", "mfa")
    walker.type_into("#mfaForm\\:mfaInput", totp.code(account.totp_secret))
    walker.find("#mfaForm\\:btnOk").click()
    walker.expect("Logged in, no filing menus yet", "ecf_unlinked")


def test_a_skip_on_the_mfa_notice_is_counted_and_said_at_the_next_sign_in(browser, world):
    account = world.pacer["jdoe2024"]
    account.mfa_enrolled, account.mfa_skips = False, 3
    walker = Walker(browser, world)
    hint = up_to_the_mfa_notice(walker, "PACER asks to enrol in MFA")
    assert hint["target"] == "prompt_skip" and "PACER allows three" in hint["text"]
    assert walker.overlay_note() == ""  # no Skip seen here yet
    walker.click("#frmUserUpdate\\:bpmSkip")  # the user's own click
    walker.expect("Logged in, no filing menus yet", "ecf_unlinked")
    walker.click("#topmenu a[href*='login.pl?logout']")
    up_to_the_mfa_notice(walker, "PACER asks to enrol in MFA again")  # the next day's sign-in
    WebDriverWait(browser.driver, 15).until(lambda _: walker.overlay_note().startswith("You chose Skip"))
    assert "once on this computer" in walker.overlay_note() and account.mfa_skips == 2


def test_a_skip_on_another_notice_drawn_since_the_hint_is_not_counted_as_the_mfa_notices(browser, world):
    account = world.pacer["jdoe2024"]
    account.mfa_enrolled, account.mfa_skips = False, 3
    walker = Walker(browser, world)
    assert up_to_the_mfa_notice(walker, "PACER asks to enrol in MFA")["target"] == "prompt_skip"
    # PACER's dialog now asks for a new password instead, and the user clicks its Skip at once: the
    # click is on a page the host has not judged (it is counted, if at all, as the password notice's).
    browser.driver.execute_script(
        "document.querySelector('#frmUserUpdate p').textContent ="
        " 'Your password has expired. You must update your password before you continue.';"
    )
    walker.click("#frmUserUpdate\\:bpmSkip")
    walker.expect("Logged in, no filing menus yet", "ecf_unlinked")
    assert "mfa_enrolment" not in ProgressStore(browser.data_dir / "progress.sqlite3").skips("jdoe2024")
