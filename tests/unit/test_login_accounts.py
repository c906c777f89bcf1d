"""The PACER username used at login, against the user's own and the known shared usernames."""

import os
import subprocess
import sys

import pytest

from ecflink import dispatch, pages, settings
from ecflink.accounts import login_signals
from ecflink.dispatch import answer

CSO = "https://pacer.login.uscourts.gov/csologin/login.jsf?pscCourtId=TXWDC"
REDACTION = {name: 0 for name, p in pages.table()["probes"]["cso"].items() if not p.get("extract")} | {
    "login_name": 1,
    "login_password": 1,
    "redaction_dialog": 1,
    "redaction_checkbox": 1,
}


@pytest.mark.parametrize(
    "username, mine, shared, signals",
    [
        ("jdoe2024", None, [], []),
        ("jdoe2024", "JDoe2024", ["smithlaw1"], []),
        ("SmithLaw1 ", None, ["smithlaw1"], ["listed_shared_username"]),
        ("smithlaw1", "jdoe2024", ["smithlaw1"], ["listed_shared_username"]),
        ("rroe2019", "jdoe2024", [], ["not_my_username"]),
        ("", "jdoe2024", ["smithlaw1"], []),
    ],
)
def test_login_signals(username, mine, shared, signals):
    assert login_signals(username, mine, shared) == signals


def at_login(username: str, tab=3):
    return answer(
        {
            "type": "facts",
            "tab_id": tab,
            "frame_id": 0,
            "url": CSO,
            "origin": "https://pacer.login.uscourts.gov",
            "facts": REDACTION,
            "texts": {"login_username": username},
        }
    )


def test_a_listed_shared_username_warns_at_login():
    answer({"type": "settings_set", "my_pacer_username": "jdoe2024", "shared_usernames": ["smithlaw1"]})
    hint = at_login("smithlaw1")
    assert (hint.kind, hint.tone, hint.target) == ("redaction_notice", "problem", "redaction_checkbox")
    assert "smithlaw1" in hint.text and "shared firm" in hint.text and "locks out" in hint.text
    assert [(w.code, w.signal) for w in hint.warnings] == [("shared_account", "listed_shared_username")]
    other = at_login("rroe2019")
    assert [w.signal for w in other.warnings] == ["not_my_username"] and "jdoe2024" in other.text


def test_own_username_passes_silently_and_is_noted_as_the_courts_pacer_account():
    answer({"type": "settings_set", "my_pacer_username": "jdoe2024", "shared_usernames": ["smithlaw1"]})
    hint = at_login("jdoe2024")
    assert hint.warnings == [] and hint.tone == "step" and hint.text.startswith("Tick")
    assert dispatch.progress().get("txwd").pacer_username == "jdoe2024"


def test_settings_round_trip_and_limits():
    reply = answer({"type": "settings_set", "my_pacer_username": " jdoe2024 ", "shared_usernames": ["b", "a", "a"]})
    assert (reply.my_pacer_username, reply.shared_usernames) == ("jdoe2024", ["a", "b"])
    assert answer({"type": "settings_get"}).shared_usernames == ["a", "b"]
    assert answer({"type": "settings_set", "shared_usernames": ["x" * 65]}).code == "invalid_message"
    assert settings.load().my_pacer_username == "jdoe2024"


def test_config_command(isolated_data_dir):
    env = {**os.environ}
    run = lambda *a: subprocess.run(
        [sys.executable, "-m", "ecflink.cli", "config", *a],
        env=env,  # noqa: E731
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "(not set)" in run("show").stdout
    run("my-username", "jdoe2024")
    run("add-shared", "smithlaw1")
    run("add-shared", "firmadmin")
    out = run("remove-shared", "FIRMADMIN").stdout
    assert "my PACER username: jdoe2024" in out and "shared firm PACER usernames: smithlaw1" in out
