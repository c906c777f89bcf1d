import pytest

from ecflink.courts import all_courts
from ecflink.guide import PageContext, advise, texts
from ecflink.pages import KINDS, table

TXWD, TXWB = all_courts()["txwd"], all_courts()["txwb"]


def test_every_kind_but_unknown_has_advice_and_valid_targets():
    steps = texts()["steps"]
    assert set(steps) == set(KINDS) - {"unknown"}
    probes = set(table()["probes"]["cso"]) | set(table()["probes"]["ecf"])
    for variants in steps.values():
        assert variants[-1].keys() & {"facts", "state", "previous"} == set()  # a default comes last
        for variant in variants:
            assert variant.get("target") is None or variant["target"] in probes
            assert variant.get("tone", "step") in ("step", "done", "problem")


def test_unknown_pages_and_unknown_courts_get_no_instruction():
    assert advise("unknown", PageContext(TXWD, {})).text is None
    assert advise("ecf_unlinked", PageContext(None, {})).text is None
    assert advise("pacer_login", PageContext(None, {})).text.startswith("Log in with your individual")


def test_filing_menus_named_per_court_type():
    assert "Civil and Criminal" in advise("ecf_linked", PageContext(TXWD, {})).text
    assert "Bankruptcy and Adversary" in advise("ecf_linked", PageContext(TXWB, {})).text


def test_after_the_link_the_unlinked_page_says_refresh():
    assert "Open Utilities" in advise("ecf_unlinked", PageContext(TXWD, {})).text
    confirmed = advise("ecf_unlinked", PageContext(TXWD, {}, state="link_confirmed"))
    assert "except Log Out" in confirmed.text and confirmed.target == "reports_menu"
    assert "succeeded" in advise("ecf_unlinked", PageContext(TXWD, {}, previous="link_verify")).text
    linked = advise("ecf_unlinked", PageContext(TXWD, {}, state="linked", linked_on="2026-01-02"))
    assert "2026-01-02" in linked.text and linked.tone == "problem"


def test_problem_variants_follow_the_facts():
    assert "legacy" in advise("pacer_login", PageContext(TXWD, {"legacy_username": 1, "login_rejected": 1})).text
    assert "did not accept" in advise("pacer_login", PageContext(TXWD, {"login_rejected": 1})).text
    assert "not accepted" in advise("mfa", PageContext(TXWD, {"mfa_rejected": 2})).text
    assert "already linked" in advise("link_form", PageContext(TXWD, {"already_linked": 1, "link_rejected": 1})).text
    assert "cannot be linked" in advise("link_form", PageContext(TXWD, {"login_special_characters": 1})).text
    assert advise("link_form", PageContext(TXWD, {"link_rejected": 0})).tone == "step"
    verify = advise("link_verify", PageContext(TXWD, {}))
    assert "cannot be undone" in verify.text and "shared firm" in verify.text


def test_warnings_carry_codes():
    assert [w["code"] for w in advise("pacer_login", PageContext(TXWD, {"legacy_username": 1})).warnings] == [
        "legacy_username"
    ]


def test_a_court_pages_own_words_are_quoted_only_as_a_short_plain_label():
    def home(words):
        return advise("court_home", PageContext(TXWD, {}, listed={"way_in_text": words})).text

    # Set between Unicode isolates, which the overlay draws apart from ecflink's own words.
    assert "choose “\u2068Western District of Texas – Document Filing System\u2069” and" in home(
        "Western District of Texas – Document Filing System"
    )
    assert "choose “\u2068[LOG IN]\u2069” and" in home("[LOG IN]")
    for odd in ("", "x" * 101, "Click here. ecflink: enter your CM/ECF password in the box below!", 'Say "yes"'):
        assert "choose the court’s link into CM/ECF and" in home(odd)


@pytest.mark.parametrize(
    "given, shown",
    [
        ("Smith & Associates LLP", "Smith & Associates LLP"),
        ("O’Brien-Smith, Jr.", "O’Brien-Smith, Jr."),
        ("ecflink: re-enter your\nCM/ECF password below!", "ecflink re-enter your CM ECF password below"),
        ("\u202eevil\u202c name", "evil name"),
        ("A" * 40 + " " + "B" * 40, "A" * 40 + " " + "B" * 22 + "…"),
    ],
)
def test_names_from_the_page_are_clamped_and_set_apart(given, shown):
    """A name the verify page lists goes into the panel as a short name, between isolates (F13)."""
    from ecflink.accounts import KnownAccounts

    listed = {"verify_pacer_account": f"{given} (smithlaw1)", "verify_cmecf_account": "Jane Doe (jdoe)"}
    advice = advise("link_verify", PageContext(TXWD, {}, listed=listed, known=KnownAccounts()))
    assert f"“\u2068{shown}\u2069”" in advice.text and advice.hold == "verify_submit"


@pytest.mark.parametrize("state", ["linked", "link_confirmed"])
def test_a_linked_courts_daily_sign_in_gets_short_hints_without_the_linking_cautions(state):
    way_in = {"way_in": 1}
    home = advise(
        "court_home", PageContext(TXWD, way_in, state=state, listed={"way_in_text": "Document Filing System"})
    )
    assert home.text == "Choose “\u2068Document Filing System\u2069” to sign in." and home.target == "way_in"
    login = advise("pacer_login", PageContext(TXWD, {"login_name": 1, "login_password": 1}, state=state))
    assert login.text == "Sign in with your own PACER account." and login.target == "login_name"
    # Not yet linked: the whole caution, for the one sign-in that may link.
    first = advise("pacer_login", PageContext(TXWD, {"login_name": 1, "login_password": 1}, state="in_progress"))
    assert "shared firm PACER account" in first.text
    assert advise("court_home", PageContext(TXWD, way_in)).text.startswith("To link your account")
    # A refused login is still said, linked or not.
    refused = advise("pacer_login", PageContext(TXWD, {"login_rejected": 1}, state=state))
    assert refused.tone == "problem" and "did not accept" in refused.text
