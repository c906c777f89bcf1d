"""The host's side of one-click fill: the secret is released only for the link form it recognised
on exactly that tab and frame, at that exact court address."""

import json

import pytest

from ecflink import dispatch
from ecflink.dispatch import answer
from tests.unit.facts import FORM_URL, LINK_FORM, ORIGIN

SECRET = "Ecf-S3cret-pw!"


def report(kind_facts=LINK_FORM, url=FORM_URL, tab=7, frame=0):
    return answer(
        {"type": "facts", "tab_id": tab, "frame_id": frame, "url": url, "origin": ORIGIN, "facts": kind_facts}
    )


def fill(url=FORM_URL, tab=7, frame=0, origin=ORIGIN):
    return answer({"type": "fill", "id": 11, "tab_id": tab, "frame_id": frame, "url": url, "origin": origin})


@pytest.fixture
def saved(keyring_daemon, isolated_data_dir):
    reply = answer({"type": "creds_set", "court": "txwd", "login": "jdoe", "password": SECRET})
    assert reply.type == "creds" and [e.court for e in reply.entries] == ["txwd"]
    yield
    answer({"type": "creds_delete", "court": "txwd"})


def test_link_form_hint_offers_fill_only_with_a_stored_login(keyring_daemon, isolated_data_dir):
    missing = report()
    assert (missing.kind, missing.button) == ("link_form", None) and "options" in missing.note
    answer({"type": "creds_set", "court": "txwd", "login": "jdoe", "password": SECRET})
    ready = report()
    assert (ready.button.id, ready.button.label, ready.note) == ("fill", "Fill CM/ECF login", None)
    answer({"type": "creds_delete", "court": "txwd"})
    unlinked = report({**LINK_FORM, "link_password": 0, "link_login": 0, "password_field": 0})
    assert unlinked.kind == "ecf_unlinked" and getattr(unlinked.button, "id", None) != "fill" and unlinked.note is None


def test_fill_released_for_the_recognised_link_form(saved, host_log):
    report()
    reply = fill()
    assert (reply.type, reply.reply_to, reply.tab_id, reply.frame_id) == ("fill_credentials", 11, 7, 0)
    assert (reply.login, reply.password.get_secret_value()) == ("jdoe", SECRET)
    assert SECRET not in repr(reply) and SECRET not in host_log.text and host_log
    # Revealed only in the JSON that is sent, never in the reply's other forms.
    assert reply.model_dump(mode="json")["password"] == SECRET and SECRET not in str(reply.model_dump())


@pytest.mark.parametrize(
    "first, then",
    [
        ("nothing reported", {}),
        ("another page kind", {"facts": {**LINK_FORM, "link_login": 0}}),
        ("another tab", {"fill": {"tab": 8}}),
        ("a frame", {"fill": {"frame": 3}, "report": {"frame": 3}}),
        ("another address", {"fill": {"url": FORM_URL + "?x"}}),
        (
            "lookalike host",
            {
                "fill": {
                    "url": "https://ecf-txwd.uscourts.gov/cgi-bin/LinkAcct.pl",
                    "origin": "https://ecf-txwd.uscourts.gov",
                }
            },
        ),
        (
            "http",
            {
                "fill": {
                    "url": "http://ecf.txwd.uscourts.gov/cgi-bin/LinkAcct.pl",
                    "origin": "http://ecf.txwd.uscourts.gov",
                }
            },
        ),
        ("opaque origin", {"fill": {"origin": "null"}}),
        (
            "appellate court",
            {"fill": {"url": "https://ecf.ca5.uscourts.gov/x", "origin": "https://ecf.ca5.uscourts.gov"}},
        ),
    ],
)
def test_fill_refused(saved, first, then):
    if first != "nothing reported":
        report(then.get("facts", LINK_FORM), **then.get("report", {}))
    reply = fill(**then.get("fill", {}))
    assert (reply.type, reply.code) == ("error", "fill_refused"), first
    assert SECRET not in json.dumps(reply.model_dump())


def test_fill_without_a_stored_login_says_how_to_add_one(keyring_daemon, isolated_data_dir):
    report()
    reply = fill()
    assert (reply.type, reply.code) == ("error", "no_credentials") and "ecflink creds set txwd" in reply.message


def test_creds_messages_never_echo_the_password(keyring_daemon, isolated_data_dir):
    saved = answer({"type": "creds_set", "court": "txwd", "login": "doe&co", "password": SECRET})
    assert [w.code for w in saved.warnings] == ["login_special_characters"]
    listing = answer({"type": "creds_list"})
    assert [(e.court, e.login) for e in listing.entries] == [("txwd", "doe&co")]
    for reply in (saved, listing):
        assert SECRET not in json.dumps(reply.model_dump())
    bad = answer({"type": "creds_set", "court": "zzzz", "login": "x", "password": SECRET})
    assert bad.code == "bad_court" and SECRET not in bad.message
    invalid = answer({"type": "creds_set", "court": "txwd", "login": "x", "password": SECRET * 50})
    assert invalid.code == "invalid_message" and SECRET not in invalid.message
    assert answer({"type": "creds_delete", "court": "txwd"}).entries == []
    assert dispatch.credentials().list() == []
