import pytest

from ecflink import __version__, dispatch, pages
from ecflink.dispatch import HANDLERS, answer
from ecflink.messages import PROTOCOL_VERSION, REQUESTS
from tests.unit.facts import VERIFY

CSO_URL = "https://pacer.login.uscourts.gov/csologin/login.jsf?pscCourtId=TXWDC"
UNLINKED = {name: 0 for name in pages.table()["probes"]["ecf"]} | {
    "menubar": 1,
    "logout_link": 1,
    "utilities_menu": 1,
    "reports_menu": 1,
}
COURT_PAGE = {
    "type": "page",
    "tab_id": 7,
    "frame_id": 0,
    "url": "https://ecf.txwd.uscourts.gov/",
    "origin": "https://ecf.txwd.uscourts.gov",
}


def test_every_request_type_has_a_handler():
    assert set(HANDLERS) == set(REQUESTS.values())


def test_bare_ping_gets_pong():
    reply = answer({"type": "ping"}).model_dump()
    assert reply == {
        "type": "pong",
        "version": PROTOCOL_VERSION,
        "reply_to": None,
        "host_version": __version__,
        "protocol_version": PROTOCOL_VERSION,
    }


def test_ping_with_id_is_answered_with_that_id():
    assert answer({"type": "ping", "version": 1, "id": 42}).reply_to == 42


def test_court_page_gets_the_probes_for_its_site():
    reply = answer({**COURT_PAGE, "id": 3})
    assert (reply.type, reply.reply_to, reply.tab_id, reply.frame_id, reply.court) == ("probes", 3, 7, 0, "txwd")
    assert reply.probes == pages.probes_for(COURT_PAGE["url"]) and reply.watch is False
    assert set(reply.probes) == set(pages.table()["probes"]["ecf"])
    assert all("why" not in probe for probe in reply.probes.values())  # documentation stays in the host
    cso = answer({**COURT_PAGE, "url": CSO_URL, "origin": "https://pacer.login.uscourts.gov"})
    assert cso.probes == pages.probes_for(CSO_URL) and cso.watch is True and cso.court == "txwd"


def test_facts_get_the_next_step_and_record_progress():
    reply = answer({**COURT_PAGE, "type": "facts", "id": 4, "facts": UNLINKED})
    assert (reply.type, reply.reply_to, reply.kind, reply.court, reply.target) == (
        "hint",
        4,
        "ecf_unlinked",
        "txwd",
        "utilities_menu",
    )
    assert "Open Utilities" in reply.text
    assert dispatch.progress().get("txwd").state == "in_progress"
    done = answer({**COURT_PAGE, "type": "facts", "facts": {**UNLINKED, "link_success": 1}})
    assert done.kind == "link_done" and done.tone == "done"
    # The confirmation page said to choose a menu; still no filing menus after that: the next rung.
    again = answer({**COURT_PAGE, "type": "facts", "facts": UNLINKED})
    assert again.kind == "ecf_unlinked" and "hard reload" in again.text and again.button.id == "hard_reload"
    linked = answer({**COURT_PAGE, "type": "facts", "facts": {**UNLINKED, "filer_menu": 2}})
    assert linked.kind == "ecf_linked" and "Civil and Criminal" in linked.text
    assert dispatch.progress().get("txwd").state == "linked"
    assert dispatch.progress().events("txwd") == ["ecf_unlinked", "link_done", "ecf_unlinked", "ecf_linked"]
    assert [(f.step, f.outcome) for f in dispatch.progress().fixes("txwd")] == [
        ("choose_menu", "offered"),
        ("hard_reload", "offered"),
        ("hard_reload", "recovered"),
    ]


def test_the_done_panel_shows_once_then_a_linked_courts_filing_pages_say_nothing():
    filing = {**UNLINKED, "filer_menu": 2}
    first = answer({**COURT_PAGE, "type": "facts", "first": True, "facts": filing})
    assert (first.kind, first.tone) == ("ecf_linked", "done") and "recorded as linked" in first.text
    # The same document reporting again (its facts changed, not its kind) keeps its panel.
    same = answer({**COURT_PAGE, "type": "facts", "first": False, "facts": {**filing, "reports_menu": 2}})
    assert same.text == first.text
    # The court's next filing pages, in this tab or another, and their reports again: nothing to say.
    for tab in (7, 8):
        later = answer({**COURT_PAGE, "tab_id": tab, "type": "facts", "first": True, "facts": filing})
        assert (later.kind, later.text, later.button) == ("ecf_linked", None, None)
        again = answer({**COURT_PAGE, "tab_id": tab, "type": "facts", "first": False, "facts": UNLINKED | filing})
        assert again.text is None
    # A linked court's page without the filing menus still gets its help.
    stuck = answer({**COURT_PAGE, "type": "facts", "first": True, "facts": UNLINKED})
    assert stuck.kind == "ecf_unlinked" and stuck.text
    assert dispatch.progress().events("txwd") == ["ecf_linked", "ecf_unlinked"]


def test_a_page_reporting_again_is_one_step_and_a_reload_is_another():
    """A page's facts change while it is shown (a dialog, a late script): the step was seen once.
    Loading it again (a new document announces itself with a page report) is a new visit."""
    answer(COURT_PAGE)
    for extra in (0, 1, 2):
        assert (
            answer({**COURT_PAGE, "type": "facts", "facts": {**UNLINKED, "menubar": 1 + extra}}).kind == "ecf_unlinked"
        )
    assert dispatch.progress().events("txwd") == ["ecf_unlinked"]
    answer(COURT_PAGE)
    answer({**COURT_PAGE, "type": "facts", "facts": UNLINKED})
    assert dispatch.progress().events("txwd") == ["ecf_unlinked", "ecf_unlinked"]


def test_a_reload_answered_from_the_backgrounds_memory_is_a_new_visit_by_its_first_report():
    """The background answers an origin's next page reports itself (`same_for_origin`); the page's
    first facts report then says it is a new document."""
    answer(COURT_PAGE)
    answer({**COURT_PAGE, "type": "facts", "first": True, "facts": UNLINKED})
    answer({**COURT_PAGE, "type": "facts", "facts": {**UNLINKED, "menubar": 2}})  # the same page again
    answer({**COURT_PAGE, "type": "facts", "first": True, "facts": UNLINKED})  # reloaded, no page report
    assert dispatch.progress().events("txwd") == ["ecf_unlinked", "ecf_unlinked"]


@pytest.mark.parametrize(
    "first, second",
    [
        ("https://ecf.txwd.uscourts.gov/", "https://ecf.txwd.uscourts.gov/cgi-bin/DktRpt.pl?1234"),
        (CSO_URL, "https://pacer.login.uscourts.gov/csologin/login.jsf?pscCourtId=ILNDC&appurl=x"),
        ("https://pacer.login.uscourts.gov/csologin/login.jsf", CSO_URL),
    ],
)
def test_what_the_host_says_holds_for_the_whole_origin_does(first, second):
    """The background keeps a page answer marked `same_for_origin` for the origin's next pages: the
    probes and the watch must then be the same on every page of that origin."""
    origin = first.split("/", 3)[:3]
    one = answer({**COURT_PAGE, "url": first, "origin": "/".join(origin)})
    two = answer({**COURT_PAGE, "url": second, "origin": "/".join(origin)})
    assert one.same_for_origin and two.same_for_origin
    assert (one.probes, one.watch) == (two.probes, two.watch)


def test_a_page_answer_names_its_probe_table():
    """The background keeps a page answer across hosts by its `table`: the same on every page of a
    site, another on another site."""
    court = answer(COURT_PAGE)
    other = answer(
        {
            **COURT_PAGE,
            "url": "https://ecf.nmd.uscourts.gov/cgi-bin/DktRpt.pl?1",
            "origin": "https://ecf.nmd.uscourts.gov",
        }
    )
    cso = answer({**COURT_PAGE, "url": CSO_URL, "origin": "https://pacer.login.uscourts.gov"})
    assert court.table == other.table == pages.table_id(COURT_PAGE["url"]) and court.table.startswith("ecf-")
    assert cso.table.startswith("cso-") and cso.table != court.table


def test_the_probe_table_id_follows_the_probes(monkeypatch):
    before = pages.table_id(COURT_PAGE["url"])
    changed = pages._source().replace('"selector": "#topmenu"', '"selector": "#menu"', 1)
    assert changed != pages._source()
    monkeypatch.setattr(pages, "_source", lambda: changed)
    monkeypatch.setattr(pages, "_table_id", pages.cache(pages._table_id.__wrapped__))
    assert pages.table_id(COURT_PAGE["url"]) not in (None, before)


def test_facts_measured_with_another_probe_table_are_refused_and_nothing_is_recorded():
    """A table the background kept from an older host (ecflink was updated since): the content script
    asks afresh; the page's report is neither classified nor recorded."""
    table = pages.table_id(COURT_PAGE["url"])
    stale = answer({**COURT_PAGE, "type": "facts", "id": 5, "first": True, "facts": UNLINKED, "table": "ecf-00000000"})
    assert (stale.type, stale.code, stale.reply_to) == ("error", "probes_changed", 5)
    assert dispatch.progress().events("txwd") == []
    hint = answer({**COURT_PAGE, "type": "facts", "first": True, "facts": UNLINKED, "table": table})
    assert hint.type == "hint" and hint.kind == "ecf_unlinked"
    assert dispatch.progress().events("txwd") == ["ecf_unlinked"]
    elsewhere = answer(
        {
            **COURT_PAGE,
            "type": "facts",
            "url": CSO_URL,
            "origin": "https://pacer.login.uscourts.gov",
            "facts": {},
            "table": table,
        }
    )
    assert elsewhere.type == "error" and elsewhere.code == "probes_changed"


def test_guides_without_progress_when_the_store_cannot_open(monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("ECFLINK_DATA_DIR", str(blocker))
    reply = answer({**COURT_PAGE, "type": "facts", "facts": UNLINKED})
    assert reply.type == "hint" and reply.kind == "ecf_unlinked" and "Open Utilities" in reply.text


def test_missing_facts_mean_unknown_and_no_instruction():
    reply = answer({**COURT_PAGE, "type": "facts", "facts": {"menubar": 1}})
    assert (reply.kind, reply.target, reply.tone) == ("unknown", None, "step")
    assert reply.button.id == "save_snapshot"  # the only thing said: the page can be saved for the developers
    assert dispatch.progress().get("txwd") is None


def test_status_lists_every_guided_court_yours_first():
    answer({**COURT_PAGE, "type": "facts", "facts": UNLINKED})
    reply = answer({"type": "status", "id": 5})
    states = {c.id: c.state for c in reply.courts}
    assert len(states) == 191 and states["txwd"] == "in_progress" and states["txwb"] == "not_started"
    assert {"cit", "cofc", "jpml"} <= states.keys() and "ca5" not in states  # appellate: not guided
    first = reply.courts[0]
    assert (first.id, first.yours, first.reasons, first.nextgen) == ("txwd", True, ["visited"], True)
    assert [p.id for p in first.readiness] == ["nextgen", "pacer_username", "cmecf_login"]
    assert [p.id for p in reply.account] == ["mfa", "backup_codes", "email", "password_age"]
    assert not any(c.yours for c in reply.courts[1:]) and reply.data_date == "2023-01-10"
    added = answer({"type": "court_choice", "id": 6, "court": "jpml", "choice": "added"})
    assert [c.id for c in added.courts if c.yours] == ["txwd", "jpml"]  # by name
    removed = answer({"type": "court_choice", "id": 7, "court": "txwd", "choice": "removed"})
    assert [c.id for c in removed.courts if c.yours] == ["jpml"]
    for court in ("zzzz", "ca5"):  # no such court; a court of appeals (not guided)
        refused = answer({"type": "court_choice", "id": 8, "court": court, "choice": "added"})
        assert refused.code == "unknown_court" and dispatch.progress().choices().keys() == {"jpml", "txwd"}


@pytest.mark.parametrize(
    "url, origin",
    [
        ("https://ecf-txwd.uscourts.gov/", "https://ecf-txwd.uscourts.gov"),
        ("https://www.uscourts.gov/", "https://www.uscourts.gov"),
        ("http://ecf.txwd.uscourts.gov/", "http://ecf.txwd.uscourts.gov"),
        # the browser says the frame's origin is not the URL's (about:blank, sandboxed): no hint
        ("https://ecf.txwd.uscourts.gov/", "null"),
        ("https://ecf.txwd.uscourts.gov/", "https://evil.example"),
    ],
)
def test_no_probes_and_no_hint_unless_a_court_page(url, origin):
    reply = answer({**COURT_PAGE, "url": url, "origin": origin})
    assert reply.type == "hint" and reply.court is None and reply.text is None
    facts = answer({**COURT_PAGE, "type": "facts", "url": url, "origin": origin, "facts": UNLINKED})
    assert (facts.kind, facts.text) == ("unknown", None)


def test_appellate_pages_are_never_guided():
    reply = answer(
        {**COURT_PAGE, "url": "https://ecf.ca5.uscourts.gov/n/beam", "origin": "https://ecf.ca5.uscourts.gov"}
    )
    assert (reply.type, reply.court, reply.text) == ("hint", "ca5", None)


@pytest.mark.parametrize(
    "raw, code",
    [
        ({}, "unknown_type"),
        ({"type": "pingg"}, "unknown_type"),
        ({"type": 5}, "unknown_type"),
        ({"type": "pong"}, "unknown_type"),
        ({"type": "ping", "version": 2}, "unsupported_version"),
        ({"type": "ping", "version": "1"}, "unsupported_version"),
        ({"type": "ping", "extra": 1}, "invalid_message"),
        ({"type": "ping", "id": -1}, "invalid_message"),
        ({"type": "ping", "id": "1"}, "invalid_message"),
        ({"type": "ping", "id": 2**53}, "invalid_message"),
        ({**COURT_PAGE, "tab_id": "7"}, "invalid_message"),
        ({**COURT_PAGE, "tab_id": True}, "invalid_message"),
        ({**COURT_PAGE, "url": "https://ecf.txwd.uscourts.gov/" + "a" * 9000}, "invalid_message"),
        ({k: v for k, v in COURT_PAGE.items() if k != "url"}, "invalid_message"),
        ({**COURT_PAGE, "type": "facts", "facts": {"menubar": -1}}, "invalid_message"),
        ({**COURT_PAGE, "type": "facts", "facts": {"Bad Name": 1}}, "invalid_message"),
        ({**COURT_PAGE, "type": "facts", "facts": {f"p{i}": 1 for i in range(65)}}, "invalid_message"),
        ({**COURT_PAGE, "type": "facts", "facts": {"menubar": 1.5}}, "invalid_message"),
    ],
)
def test_bad_messages_get_error_replies(raw, code):
    reply = answer(raw)
    assert reply.type == "error" and reply.code == code
    assert reply.message and len(reply.message) < 500


def test_error_keeps_the_request_id_when_it_is_valid():
    assert answer({"type": "nope", "id": 9}).reply_to == 9
    assert answer({"type": "nope", "id": "9"}).reply_to is None


def test_errors_never_echo_the_offending_values():
    secret = "hunter2-CMECF-password"
    reply = answer({**COURT_PAGE, "tab_id": secret, "frame_id": [secret], "password": secret})
    assert reply.code == "invalid_message"
    assert secret not in reply.message
    assert "tab_id" in reply.message


def test_a_handler_bug_costs_one_reply(monkeypatch):
    from ecflink import dispatch
    from ecflink.messages import Ping

    def broken(ping):
        raise RuntimeError("boom")

    monkeypatch.setitem(dispatch.HANDLERS, Ping, broken)
    reply = answer({"type": "ping", "id": 1})
    assert (reply.type, reply.code, reply.reply_to) == ("error", "internal_error", 1)
    assert "boom" not in reply.message


def test_verify_page_with_a_firm_account_holds_submit():
    verify = VERIFY
    listed = {"verify_pacer_account": "smithlaw1 (Smith & Associates LLP)", "verify_cmecf_account": "jdoe (Jane Doe)"}
    reply = answer({**COURT_PAGE, "type": "facts", "facts": verify, "texts": listed})
    assert (reply.kind, reply.tone, reply.hold) == ("link_verify", "problem", "verify_submit")
    assert (reply.button.id, reply.button.label) == (
        "confirm_own_accounts",
        "These are both my own individual accounts",
    )
    assert [(w.code, w.signal) for w in reply.warnings] == [("shared_account", "firm_like_name")]
    own = answer(
        {
            **COURT_PAGE,
            "type": "facts",
            "facts": verify,
            "texts": {**listed, "verify_pacer_account": "jdoe2024 (Jane Q. Doe)"},
        }
    )
    assert (own.hold, own.warnings, own.button) == (None, [], None)
    too_long = answer({**COURT_PAGE, "type": "facts", "facts": verify, "texts": {"verify_pacer_account": "x" * 201}})
    assert too_long.code == "invalid_message"


def test_errors_about_huge_fields_stay_within_the_message_limit():
    """Found by fuzzing: a 10,000-character version or field name made the error reply itself
    invalid, and the host died."""
    version = answer({"type": "ping", "version": "x" * 10_000, "id": 5})
    assert (version.code, version.reply_to) == ("unsupported_version", 5) and len(version.message) < 200
    field = answer({"type": "ping", "k" * 10_000: 1})
    assert field.code == "invalid_message" and len(field.message) < 400
