"""Every layout variant of every page kind (tests/variants.py) is named right from saved HTML."""

import pytest

from ecflink.cli import classify_html
from tests.variants import all_variants, shared_verify

VARIANTS = all_variants()


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.name for v in VARIANTS])
def test_variant_keeps_its_page_kind(variant):
    result = classify_html(variant.url, variant.html.encode())
    assert result["page"] == variant.kind, result["facts"]
    if variant.rule:
        assert result["rule"] == variant.rule
    assert (result["instruction"] is None) == (variant.kind == "unknown")


def test_every_kind_has_variants():
    from ecflink.pages import KINDS

    assert {v.kind for v in VARIANTS} == set(KINDS)
    assert len({v.name for v in VARIANTS}) == len(VARIANTS)


def test_accounts_outside_the_form_are_read_and_a_firm_account_holds_submit():
    result = classify_html(shared_verify().url, shared_verify().html.encode())
    assert [(w["code"], w["signal"]) for w in result["warnings"]] == [("shared_account", "firm_like_name")]
    assert result["hold"] == "verify_submit" and "Smith & Associates LLP" in result["instruction"]


def test_a_possible_verify_page_gets_the_caution_and_holds_submit():
    possible = next(v for v in VARIANTS if v.rule == "link_verify_possible")
    result = classify_html(possible.url, possible.html.encode())
    assert result["hold"] == "verify_submit" and "cannot be undone" in result["instruction"]


@pytest.mark.parametrize("prompt", ["mfa_enrolment", "password_update"])
@pytest.mark.parametrize("skip", [True, False])
def test_pacers_notices_speak_of_skip_only_while_their_own_skip_shows(prompt, skip):
    """A page's own "Skip to main content" link is no Skip of PACER's notice: without the notice's own
    Skip, not a word of skipping; with it, the hint points at it."""
    from tests.variants import CSO, cso_page, pf_dialog, prompt_form

    skip_link = '<a href="#content" class="skip-link">Skip to main content</a>'
    dialog = pf_dialog("userUpdateDlg", "User Update Required", prompt_form(prompt, skip), True)
    html = cso_page(dialogs=dialog).replace("<body>", "<body>" + skip_link, 1)
    assert skip_link in html
    result = classify_html(CSO.format(code="TXWDC", court="txwd"), html.encode())
    assert (result["page"], result["prompt"]) == ("pacer_prompt", prompt)
    assert result["facts"]["prompt_skip"] == int(skip)
    if skip:
        assert result["target"] == "prompt_skip"
    else:
        assert "skip" not in result["instruction"].lower() and result["target"] is None
