"""PACER's sign-in prompts with Skip: the host asks to be told of a click on Skip, counts it per PACER
username in the progress store, says the count on the next prompt, and exports it (no secret)."""

from __future__ import annotations

import json

import pytest

from ecflink import dispatch, pages
from ecflink.cli import main
from ecflink.dispatch import answer
from ecflink.progress import ProgressStore

CSO = {
    "tab_id": 3,
    "frame_id": 0,
    "url": "https://pacer.login.uscourts.gov/csologin/login.jsf?pscCourtId=TXWDC",
    "origin": "https://pacer.login.uscourts.gov",
}
QUIET = {name: 0 for name in pages.table()["probes"]["cso"]}
MFA_PROMPT = QUIET | {"login_name": 1, "prompt_mfa_enrolment": 1, "any_dialog": 1, "prompt_skip": 1}
PASSWORD_PROMPT = QUIET | {"login_name": 1, "prompt_password": 1, "any_dialog": 1, "prompt_skip": 1}


def facts(counts: dict, username: str = "JDoe2024") -> dict:
    texts = {"login_username": username} if username else {}
    return {**CSO, "type": "facts", "facts": counts, "texts": texts}


def click(**changed) -> object:
    return answer({**CSO, "type": "target_clicked", **changed})


def test_a_skip_clicked_is_counted_once_for_the_username_and_said_on_the_next_prompt():
    first = answer(facts(MFA_PROMPT))
    assert (first.kind, first.prompt, first.target, first.report_click) == (
        "pacer_prompt",
        "mfa_enrolment",
        "prompt_skip",
        True,
    )
    assert first.note is None  # no Skip seen yet: nothing to count
    assert click().type == "recorded"
    assert click().code == "action_refused"  # once per hint given: a double click is one Skip
    again = answer(facts(MFA_PROMPT, username="jdoe2024"))  # PACER's usernames ignore case
    assert again.note.startswith("You chose Skip on this notice once") and "three in all" in again.note
    click()
    third = answer(facts(MFA_PROMPT))
    assert "2 times" in third.note
    assert dispatch.progress().skips("JDOE2024") == {"mfa_enrolment": 2}


def test_the_password_prompts_skips_are_counted_apart():
    answer(facts(MFA_PROMPT))
    click()
    hint = answer(facts(PASSWORD_PROMPT))
    assert (hint.prompt, hint.target, hint.report_click, hint.note) == ("password_update", "prompt_skip", True, None)
    click()
    assert dispatch.progress().skips("jdoe2024") == {"mfa_enrolment": 1, "password_update": 1}


def test_the_username_read_at_an_earlier_step_of_the_tab_is_used_when_the_prompt_hides_it():
    redaction = QUIET | {"login_name": 1, "redaction_dialog": 1, "redaction_checkbox": 1, "any_dialog": 1}
    assert answer(facts(redaction)).kind == "redaction_notice"
    hint = answer(facts(MFA_PROMPT | {"login_name": 0}, username=""))
    assert hint.report_click is True
    click()
    assert dispatch.progress().skips("jdoe2024") == {"mfa_enrolment": 1}


@pytest.mark.parametrize(
    "case",
    ["no username ever read", "no Skip on the prompt", "another page of the tab", "another tab", "a page not asked"],
)
def test_no_click_is_counted_where_the_host_did_not_ask(case):
    if case == "no username ever read":
        hint = answer(facts(MFA_PROMPT, username=""))
        assert hint.report_click is False and click().type == "error"
    elif case == "no Skip on the prompt":
        hint = answer(facts(MFA_PROMPT | {"prompt_skip": 0}))
        assert hint.report_click is False and hint.tone == "problem" and "skip" not in hint.text.lower()
        assert click().type == "error"
    elif case == "another page of the tab":
        answer(facts(MFA_PROMPT))
        assert click(url=CSO["url"] + "&other=1").type == "error"
    elif case == "another tab":
        answer(facts(MFA_PROMPT))
        assert click(tab_id=4).type == "error"
    else:
        answer(facts(MFA_PROMPT))
        answer(facts(QUIET | {"login_name": 1, "login_password": 1}))  # the login page again: no prompt
        assert click().type == "error"
    assert dispatch.progress().skips("jdoe2024") == {}


def test_skips_survive_a_restart_and_are_exported_without_secrets(isolated_data_dir, capsys):
    answer(facts(MFA_PROMPT))
    click()
    dispatch.progress().close()
    store = ProgressStore(isolated_data_dir / "progress.sqlite3")  # a host started afresh
    assert store.skips("jdoe2024") == {"mfa_enrolment": 1}
    store.close()
    assert main(["status", "--json"]) == 0
    exported = json.loads(capsys.readouterr().out)
    ((account,),) = [exported["pacer_accounts"]]
    assert account["pacer_username"] == "jdoe2024"
    assert account["skips"] == {"mfa_enrolment": 1, "password_update": 0} and account["last_skip_at"].endswith("Z")


def test_only_pacers_skippable_prompts_are_counted(tmp_path):
    store = ProgressStore(tmp_path / "p.sqlite3")
    with pytest.raises(ValueError):
        store.note_skip("jdoe2024", "account_disabled")
    assert store.note_skip("jdoe2024", "password_update") == 1
    assert store.note_skip("JDOE2024", "password_update") == 2


def test_a_new_sign_in_on_the_tab_forgets_the_last_ones_username():
    redaction = QUIET | {"login_name": 1, "redaction_dialog": 1, "redaction_checkbox": 1, "any_dialog": 1}
    answer(facts(redaction))  # jdoe2024 signed in on this tab
    login = QUIET | {"login_name": 1, "login_password": 1}
    answer(facts(login, username="typed-into-the-wrong-box"))  # a new sign-in: a name PACER has not accepted
    hint = answer(facts(MFA_PROMPT | {"login_name": 0}, username=""))  # the prompt hides whose it is
    assert hint.report_click is False and hint.note is None
    assert click().type == "error" and dispatch.progress().all_skips() == {}


def test_a_click_reported_from_a_frame_is_not_counted():
    answer(facts(MFA_PROMPT))
    assert click(frame_id=2).type == "error" and click().type == "recorded"


def test_a_new_password_starts_the_password_notices_count_again_for_that_account_only():
    answer(facts(PASSWORD_PROMPT))
    click()
    answer(facts(MFA_PROMPT))
    click()
    answer({**CSO, "tab_id": 9, "type": "facts", "facts": PASSWORD_PROMPT, "texts": {"login_username": "smithlaw1"}})
    click(tab_id=9)  # another account's password notice, on the same computer
    said = answer({"type": "settings_set", "my_pacer_username": "jdoe2024", "password_changed_on": "2026-12-01"})
    assert said.password_changed_on == "2026-12-01"
    assert dispatch.progress().skips("jdoe2024") == {"mfa_enrolment": 1}
    assert dispatch.progress().skips("smithlaw1") == {"password_update": 1}  # not that account's password
    for refused in ("2026-02-30", "2999-01-01"):  # no such day; a day still to come
        reply = answer({"type": "settings_set", "password_changed_on": refused})
        assert reply.code == "invalid_message" and refused not in reply.message


def test_a_day_kept_that_is_now_still_to_come_does_not_break_the_settings(isolated_data_dir):
    """A day saved by hand or by a clock set wrong is kept and said back; only a day the user says now
    must not be still to come (the readiness check counts it as unknown)."""
    answer({"type": "settings_set", "my_pacer_username": "jdoe2024"})
    saved = isolated_data_dir / "settings.json"
    saved.write_text(saved.read_text().replace('"password_changed_on": null', '"password_changed_on": "2999-01-01"'))
    reply = answer({"type": "settings_get"})
    assert (reply.type, reply.password_changed_on) == ("settings", "2999-01-01")
