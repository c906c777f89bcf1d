"""The probe rules on saved HTML (the extension applies the same ones live; tests/e2e/test_agreement.py
checks they agree on every page)."""

import pytest

from ecflink.htmlfacts import evaluate, parse, text_of
from tests.probe_cases import (
    AT_END_HTML,
    AT_END_PROBES,
    AT_END_RESULT,
    NEAR,
    NEAR_PROBE,
    ONLY_IF,
    ONLY_IF_PROBES,
    ONLY_IF_PROBES_SORTED,
    SAME_FORM,
    SAME_FORM_PROBES,
    SCAN_HTML,
    SCAN_PROBES,
    SCAN_RESULT,
    SIZE_HTML,
    SIZE_PROBES,
    SIZE_RESULT,
    TARGET,
    TARGET_PROBE,
    TEXT_HTML,
    TEXT_PROBES,
    TEXT_RESULT,
    URL,
    VISIBILITY,
)


def count(html: str, url: str = URL, **probe) -> int:
    return evaluate(html, {"p": probe}, url)["p"]


@pytest.mark.parametrize("markup, visible", VISIBILITY)
def test_visibility_is_judged_from_markup_as_the_browser_renders(markup, visible):
    assert count(markup, selector="#t", visible=True) == int(visible)
    assert count(markup, selector="#t") == 1


def test_a_snapshot_carries_the_browsers_own_answer():
    html = (
        '<html data-ecflink-snapshot><body><a id="a" data-ecflink-hidden>x</a>'
        '<div style="display:none"><a id="b">y</a></div></body></html>'
    )
    assert count(html, selector="#a", visible=True) == 0
    assert count(html, selector="#b", visible=True) == 1  # the browser drew it, whatever the markup says


def test_text_ignores_case_access_keys_and_whitespace():
    html = '<a href="#"><u>L</u>INK a CM/ECF  account\n to my&nbsp;PACER Account</a>'
    assert count(html, selector="a", text=["link a cm/ecf account to my pacer account"]) == 1
    assert count(html, selector="a", text=["link a cm/ecf account", "nothing"]) == 0
    assert count(html, selector="a", text=["link"], not_text=["pacer"]) == 0
    assert count(html, selector="a", text=["link"], max_chars=10) == 0


def test_text_keeps_blocks_apart_and_leaves_scripts_out():
    soup = parse(
        "<dl id='d'><dt>CM/ECF login</dt><dd>x</dd><dt>CM/ECF password</dt></dl>"
        "<p id='p'>Ci<u>v</u>il<br>Criminal<script>var a = 1;</script></p>"
    )
    assert text_of(soup.select_one("#d")) == "CM/ECF login x CM/ECF password"
    assert text_of(soup.select_one("#p")) == "Civil Criminal"


def test_limit_caps_the_elements_examined():
    html = "".join(f"<p>{i}</p>" for i in range(10)) + "<p>target</p>"
    assert count(html, selector="p", text=["target"], limit=5) == 0
    assert count(html, selector="p", text=["target"], limit=11) == 1


def test_has_and_value():
    html = (
        '<form><input type="text" value="doe&amp;co"><input type="password"></form>'
        '<form><input type="text" value="jdoe"></form>'
    )
    assert count(html, selector="form", has="input[type=password]") == 1
    assert count(html, selector="input[type=text]", value="[&@$*]") == 1


@pytest.mark.parametrize("markup, labelled", NEAR)
def test_near_reads_a_fields_label_however_it_is_laid_out(markup, labelled):
    assert count(markup, **NEAR_PROBE) == int(labelled)


@pytest.mark.parametrize("markup, leads_in", TARGET)
def test_target_is_where_the_browser_would_go(markup, leads_in):
    assert count(markup, **TARGET_PROBE) == int(leads_in)


@pytest.mark.parametrize("markup, same", SAME_FORM)
def test_same_form_follows_the_browsers_form_owner(markup, same):
    assert evaluate(markup, SAME_FORM_PROBES, URL)["p"] == int(same)


def test_scan_reads_runs_of_text_wherever_they_stand():
    assert evaluate(SCAN_HTML, SCAN_PROBES, URL) == SCAN_RESULT


def test_a_name_is_its_runs_of_text():
    assert evaluate(TEXT_HTML, TEXT_PROBES, URL) == TEXT_RESULT


def test_at_end_searches_only_the_pages_last_elements():
    assert evaluate(AT_END_HTML, AT_END_PROBES, URL) == AT_END_RESULT


def test_max_elements_finds_nothing_on_a_larger_page():
    assert evaluate(SIZE_HTML, SIZE_PROBES, URL) == SIZE_RESULT


@pytest.mark.parametrize("markup, result", ONLY_IF)
@pytest.mark.parametrize("order", ["as written", "names sorted"])
def test_only_if_and_from(markup, result, order):
    """A probe reads the probes it names, whatever order the table comes in (a kept table comes back
    from Chromium's storage with its names sorted: `first_label` before `password_field`)."""
    probes = ONLY_IF_PROBES if order == "as written" else ONLY_IF_PROBES_SORTED
    assert list(probes) != list(ONLY_IF_PROBES) or order == "as written"
    assert evaluate(markup, probes, URL) == result
