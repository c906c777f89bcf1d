"""The ladder of fixes when a linked court's filing menus do not appear."""

from ecflink import dispatch, pages
from ecflink.dispatch import answer
from ecflink.troubleshoot import LADDER, Fix, after_page, next_step, open_fixes


def walk(pages: list[tuple[str, bool]], done: dict[int, str] | None = None) -> list[Fix]:
    """Replay pages (kind, stuck) through the ladder; `done` marks an action done after page i."""
    history: list[Fix] = []
    for i, (kind, stuck) in enumerate(pages):
        history += after_page(history, kind, stuck)
        if done and i in done:
            history.append(Fix(done[i], "done"))
    return history


def offered(history: list[Fix]) -> list[str]:
    return [f.step for f in history if f.outcome == "offered"]


def test_each_rung_is_offered_once_tried_and_in_order():
    stuck = ("ecf_unlinked", True)
    history = walk(
        [("link_done", False), stuck, stuck, stuck, ("pacer_login", False), ("mfa", False), stuck, stuck, stuck, stuck],
        done={2: "hard_reload", 7: "clear_court_data"},
    )
    assert offered(history) == list(LADDER)
    assert Fix("relogin", "done") in history and history.count(Fix("relogin", "done")) == 1
    assert next_step(history) == "help_desk"  # the last rung stays


def test_an_action_not_carried_out_is_offered_again_not_skipped():
    stuck = ("ecf_unlinked", True)
    history = walk([("link_done", False), stuck, stuck, stuck])
    assert offered(history) == ["choose_menu", "hard_reload"] and next_step(history) == "hard_reload"


def test_relogin_counts_only_after_it_was_offered():
    history = walk([("pacer_login", False), ("ecf_unlinked", True)])
    assert history == [Fix("choose_menu", "offered")]


def test_a_court_linked_earlier_starts_at_the_first_rung_and_menus_close_the_ladder():
    stuck = ("ecf_unlinked", True)
    history = walk([stuck, stuck, ("ecf_linked", False)], done={1: "hard_reload"})
    assert history[-1] == Fix("hard_reload", "recovered")
    assert open_fixes(history) == [] and next_step(history) == "choose_menu"
    # A later stale page starts a fresh ladder.
    assert after_page(history, "ecf_unlinked", True) == [Fix("choose_menu", "offered")]


def test_menus_without_any_fix_record_nothing():
    assert walk([("link_done", False)])[-1] == Fix("choose_menu", "offered")
    assert after_page([], "ecf_linked", False) == [] and after_page([], "utilities", False) == []


# -- the ladder through the host: hints, buttons, grants, outcomes ---------------------------------

TXWD = {
    "tab_id": 5,
    "frame_id": 0,
    "url": "https://ecf.txwd.uscourts.gov/cgi-bin/DisplayMenu.pl?Reports",
    "origin": "https://ecf.txwd.uscourts.gov",
}
COUNTS = {n: 0 for n, p in pages.table()["probes"]["ecf"].items() if not p.get("extract")}
STUCK = COUNTS | {"menubar": 1, "logout_link": 1, "utilities_menu": 1, "reports_menu": 1}


def page(counts, **where):
    return answer({**TXWD, **where, "type": "facts", "facts": counts})


def act(action, **where):
    return answer({**TXWD, **where, "type": "action", "action": action})


def result(action, ok=True, **where):
    return answer({**TXWD, **where, "type": "action_result", "action": action, "ok": ok})


def test_the_ladder_through_the_host_with_buttons_granted_only_where_offered():
    page(COUNTS | {"menubar": 1, "link_success": 1})
    hint = page(STUCK)
    assert (hint.button.id, hint.tone) == ("hard_reload", "problem")
    assert act("clear_court_data").code == "action_refused"  # not offered here
    assert act("hard_reload", tab_id=6).code == "action_refused"  # another tab
    assert act("hard_reload", url=TXWD["url"] + "&x").code == "action_refused"  # another page
    grant = act("hard_reload")
    assert (grant.type, grant.action, grant.hosts) == ("action_grant", "hard_reload", [])
    assert result("hard_reload").type == "recorded"
    assert result("hard_reload").code == "action_refused"  # one result per grant
    relogin = page(STUCK)
    assert relogin.button is None and "Log Out" in relogin.text and relogin.target == "logout_link"
    answer(
        {
            "type": "facts",
            "tab_id": 5,
            "frame_id": 0,
            "url": "https://pacer.login.uscourts.gov/csologin/login.jsf?pscCourtId=TXWDC",
            "origin": "https://pacer.login.uscourts.gov",
            "facts": {"login_name": 1, "login_password": 1, "any_dialog": 0},
        }
    )
    clear = page(STUCK)
    assert clear.button.id == "clear_court_data" and "ecf.txwd.uscourts.gov" in clear.button.confirm
    assert act("clear_court_data").hosts == ["ecf.txwd.uscourts.gov"]
    result("clear_court_data", ok=False)
    assert page(STUCK).button.id == "clear_court_data"  # it failed: offered again
    act("clear_court_data")
    result("clear_court_data")
    last = page(STUCK)
    assert last.button is None and "help desk" in last.text and "Western District of Texas" in last.text
    page(COUNTS | {"menubar": 1, "logout_link": 1, "filer_menu": 2})
    assert [(f.step, f.outcome) for f in dispatch.progress().fixes("txwd")] == [
        ("choose_menu", "offered"),
        ("hard_reload", "offered"),
        ("hard_reload", "done"),
        ("relogin", "offered"),
        ("relogin", "done"),
        ("clear_court_data", "offered"),
        ("clear_court_data", "failed"),
        ("clear_court_data", "done"),
        ("help_desk", "offered"),
        ("clear_court_data", "recovered"),
    ]


def test_the_user_can_say_a_court_was_linked_before():
    hint = page(STUCK)
    assert hint.button.id == "says_linked" and "Open Utilities" in hint.text
    assert act("says_linked").hosts == []
    assert dispatch.progress().get("txwd").state == "link_confirmed"
    first = page(STUCK)
    assert "Choose any menu item except Log Out" in first.text and first.button is None
    assert page(STUCK).button.id == "hard_reload"


def test_no_button_is_granted_off_a_court_or_in_a_frame():
    page(STUCK)
    assert act("says_linked", frame_id=3).code == "action_refused"
    other = {"url": "https://www.example-firm.test/", "origin": "https://www.example-firm.test"}
    assert act("says_linked", **other).code == "action_refused"
