"""The probe rules on saved HTML (the extension applies the same ones live; tests/e2e checks they agree)."""

import pytest

from ecflink.htmlfacts import evaluate


def count(html: str, **probe) -> int:
    return evaluate(html, {"p": probe})["p"]


@pytest.mark.parametrize("markup, visible", [
    ('<a id="t">x</a>', True),
    ('<a id="t" hidden>x</a>', False),
    ('<div aria-hidden="true"><a id="t">x</a></div>', False),
    ('<div aria-hidden="false"><a id="t">x</a></div>', True),
    ('<div style="DISPLAY : none"><a id="t">x</a></div>', False),
    ('<div style="visibility:hidden"><a id="t">x</a></div>', False),
    ('<div style="display:block"><a id="t">x</a></div>', True),
])
def test_visibility_is_decided_by_markup(markup, visible):
    assert count(markup, selector="#t", visible=True) == int(visible)
    assert count(markup, selector="#t") == 1


def test_text_ignores_case_access_keys_and_whitespace():
    html = '<a href="#"><u>L</u>INK a CM/ECF  account\n to my&nbsp;PACER Account</a>'
    assert count(html, selector="a", text=["link a cm/ecf account to my pacer account"]) == 1
    assert count(html, selector="a", text=["link a cm/ecf account", "nothing"]) == 0


def test_limit_caps_the_elements_examined():
    html = "".join(f"<p>{i}</p>" for i in range(10)) + "<p>target</p>"
    assert count(html, selector="p", text=["target"], limit=5) == 0
    assert count(html, selector="p", text=["target"], limit=11) == 1


def test_has_and_value():
    html = ('<form><input type="text" value="doe&amp;co"><input type="password"></form>'
            '<form><input type="text" value="jdoe"></form>')
    assert count(html, selector="form", has="input[type=password]") == 1
    assert count(html, selector="input[type=text]", value="[&@$*]") == 1


def test_forms_in_tables_are_parsed_as_browsers_do():
    # html5lib follows the HTML standard: a <form> inside a <table> holds no rows, as in browsers.
    html = '<table><form id="f"><tr><td><input type="password"></td></tr></form></table>'
    assert count(html, selector="form", has="input[type=password]") == 0


def test_only_if_skips_a_probe_unless_its_condition_counted_something():
    probes = {"password_field": {"selector": "input[type=password]"},
              "text_fields": {"selector": "input[type=text]", "only_if": "password_field"},
              "first_label": {"selector": "label", "extract": True, "only_if": "password_field"}}
    without = evaluate(b"<form><label>Name</label><input type=text><input type=text></form>", probes)
    assert without == {"password_field": 0, "text_fields": 0, "first_label": ""}
    with_password = evaluate(b"<form><label>Name</label><input type=text><input type=password></form>", probes)
    assert with_password == {"password_field": 1, "text_fields": 1, "first_label": "Name"}
