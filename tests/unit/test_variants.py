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
