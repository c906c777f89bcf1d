import pytest

from ecflink import __version__
from ecflink.dispatch import HANDLERS, answer
from ecflink.messages import PROTOCOL_VERSION, REQUESTS

COURT_PAGE = {"type": "page", "tab_id": 7, "frame_id": 0, "url": "https://ecf.txwd.uscourts.gov/",
              "origin": "https://ecf.txwd.uscourts.gov"}


def test_every_request_type_has_a_handler():
    assert set(HANDLERS) == set(REQUESTS.values())


def test_bare_ping_gets_pong():
    reply = answer({"type": "ping"}).model_dump()
    assert reply == {"type": "pong", "version": PROTOCOL_VERSION, "reply_to": None,
                     "host_version": __version__, "protocol_version": PROTOCOL_VERSION}


def test_ping_with_id_is_answered_with_that_id():
    assert answer({"type": "ping", "version": 1, "id": 42}).reply_to == 42


def test_court_page_gets_a_hint_for_that_tab():
    reply = answer({**COURT_PAGE, "id": 3})
    assert (reply.type, reply.reply_to, reply.tab_id, reply.frame_id, reply.court) == ("hint", 3, 7, 0, "txwd")
    assert "TXWD" in reply.text


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
def test_no_hint_unless_a_court_page(url, origin):
    reply = answer({**COURT_PAGE, "url": url, "origin": origin})
    assert reply.type == "hint" and reply.court is None and reply.text is None


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
