"""The message models (messages.py): exact types, bounds, unknown fields refused, frozen, errors
that name the field and the reason but never the value, and the password hidden everywhere but
the JSON of the one fill reply."""

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from ecflink.messages import (
    REQUEST_ADAPTER,
    Button,
    CredsSet,
    FillCredentials,
    Hint,
    PageFacts,
    SettingsSet,
    Warning,
    parse_request,
    protocol_schema,
)

PAGE = {"tab_id": 7, "frame_id": 0, "url": "https://ecf.txwd.uscourts.gov/", "origin": "https://ecf.txwd.uscourts.gov"}
FACTS = {"type": "facts", **PAGE, "facts": {"menubar": 1}}


def test_a_valid_request_keeps_its_values_and_a_reply_dumps_as_json_data():
    facts = parse_request({**FACTS, "texts": {"verify_pacer_account": "jdoe"}, "first": True})
    assert isinstance(facts, PageFacts)
    assert (facts.tab_id, facts.facts, facts.texts, facts.first, facts.table) == (
        7,
        {"menubar": 1},
        {"verify_pacer_account": "jdoe"},
        True,
        None,
    )
    hint = Hint(tab_id=7, frame_id=0, court="txwd", text="Go on", warnings=[Warning(code="w", message="m")])
    dumped = json.loads(json.dumps(hint.model_dump(mode="json")))
    assert dumped["warnings"] == [{"code": "w", "message": "m", "signal": None}]
    assert (dumped["type"], dumped["version"], dumped["kind"], dumped["button"]) == ("hint", 1, "unknown", None)


@pytest.mark.parametrize(
    "raw, where",
    [
        ({**FACTS, "facts": {"menubar": "3"}}, "facts.menubar"),  # no coercion
        ({**FACTS, "facts": {"menubar": True}}, "facts.menubar"),  # a bool is not an integer
        ({**FACTS, "facts": {"menubar": 1_000_001}}, "facts.menubar"),
        ({**FACTS, "facts": {"menubar": 1.0}}, "facts.menubar"),
        ({**FACTS, "first": 1}, "first"),
        ({**FACTS, "texts": {f"t{i}": "x" for i in range(9)}}, "texts"),
        ({**FACTS, "texts": {"verify_pacer_account": "x" * 201}}, "texts.verify_pacer_account"),
        ({**FACTS, "facts": "menubar"}, "facts"),
        ({**FACTS, "facts": {"": 1}}, "facts.*.[key]"),  # a key the sender chose is not quoted
        ({**FACTS, "table": "ecf-XYZ"}, "table"),
        ({**FACTS, "extra": 1}, "*"),
        ({**FACTS, "password": 1}, "password"),  # a field of the protocol is named
        ({"type": "settings_set", "shared_usernames": ["a", 5]}, "shared_usernames.1"),
        ({"type": "court_choice", "court": "txwd", "choice": "maybe"}, "choice"),
        ({"type": "facts"}, "tab_id"),
    ],
)
def test_what_is_refused_and_where(raw, where):
    refused = parse_request(raw)
    assert refused.code == "invalid_message"
    assert f"{where}: " in refused.message


def test_every_problem_is_counted_and_no_value_is_quoted():
    secret = "Hunter2-" * 20
    refused = parse_request({**FACTS, "tab_id": secret, "frame_id": secret, "url": secret * 60, secret: secret})
    assert refused.code == "invalid_message" and "Hunter2" not in refused.message
    assert "*: Extra inputs are not permitted" in refused.message  # a name the sender chose is not quoted
    assert "tab_id: " in refused.message and "url: " in refused.message
    for raw in ({"type": secret}, {"type": "ping", "version": secret}):
        assert "Hunter2" not in parse_request(raw).message
    # Nor the length of a refused password, nor the input in an exception's text, however validated.
    too_long = parse_request({"type": "creds_set", "court": "txwd", "login": "x", "password": secret * 3})
    assert too_long.message.endswith("at most 256 items after validation") and "480" not in too_long.message
    for validate in (CredsSet.model_validate, REQUEST_ADAPTER.validate_python):
        with pytest.raises(ValidationError) as raised:
            validate({"type": "creds_set", "court": "txwd", "login": 5, "password": secret})
        assert "Hunter2" not in str(raised.value) and raised.value.error_count() == 1


def test_usernames_are_stripped_before_their_length_is_checked():
    assert parse_request({"type": "settings_set", "my_pacer_username": "  jdoe  "}).my_pacer_username == "jdoe"
    assert isinstance(parse_request({"type": "settings_set", "my_pacer_username": " " * 70 + "j"}), SettingsSet)
    assert parse_request({"type": "settings_set", "my_pacer_username": "   "}).code == "invalid_message"


def test_messages_are_frozen_defaults_are_not_shared_and_the_password_stays_hidden():
    one, two = Hint(tab_id=1, frame_id=0, court=None, text=None), Hint(tab_id=1, frame_id=0, court=None, text=None)
    with pytest.raises(ValidationError):
        one.text = "changed"  # type: ignore[misc]
    one.warnings.append(Warning(code="w", message="m"))
    assert two.warnings == []
    assert Button(id="fill", label="Fill") == Button(id="fill", label="Fill") != Button(id="fill", label="Other")
    stored = parse_request({"type": "creds_set", "court": "txwd", "login": "jdoe", "password": "pw-123"})
    assert "pw-123" not in repr(stored) and "pw-123" not in str(stored.model_dump())
    assert stored.password.get_secret_value() == "pw-123"
    reply = FillCredentials(tab_id=1, frame_id=0, login="jdoe", password="pw-123")
    assert "pw-123" not in repr(reply) and "pw-123" not in str(reply.model_dump())
    assert reply.model_dump(mode="json")["password"] == "pw-123"  # the JSON that is sent, and only it


def test_the_protocols_json_schema_in_docs_is_current():
    written = json.loads((Path(__file__).resolve().parents[2] / "docs" / "protocol.schema.json").read_text())
    assert written == protocol_schema(), "regenerate it: python -m ecflink.messages > docs/protocol.schema.json"
    assert {"PageFacts", "FillCredentials", "Hint", "Error"} <= set(written["$defs"])
    assert written["$defs"]["PageFacts"]["additionalProperties"] is False
