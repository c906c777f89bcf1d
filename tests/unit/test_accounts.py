import pytest

from ecflink.accounts import Account, looks_like_firm, parse_listed, person_key, same_person, shared_account_signals


@pytest.mark.parametrize(
    "text, account",
    [
        ("jdoe2024 (Jane Doe)", Account("jdoe2024", "Jane Doe")),
        ("Jane Doe (jdoe2024)", Account("jdoe2024", "Jane Doe")),
        (": jdoe (Jane Doe)", Account("jdoe", "Jane Doe")),
        ("Smith & Associates LLP", Account("Smith & Associates LLP", "Smith & Associates LLP")),
        ("jdoe2024", Account("jdoe2024", "")),
        (
            "jdoe (Jane Doe) PACER Account: jdoe2024 (Jane Doe)",
            Account("jdoe", "Jane Doe"),
        ),  # a run into the next label
        ("jdoe2024 (Jane Doe) cm/ecf login jdoe", Account("jdoe2024", "Jane Doe")),
        ("jdoe2024 - Jane Doe", Account("jdoe2024", "Jane Doe")),
        ("Jane Doe – jdoe2024", Account("jdoe2024", "Jane Doe")),
        ("", None),
        (" : ", None),
    ],
)
def test_parse_listed(text, account):
    assert parse_listed(text) == account


@pytest.mark.parametrize(
    "name, firm",
    [
        ("Smith & Associates LLP", True),
        ("Doe Law Firm", True),
        ("Roe, P.C.", True),
        ("Acme Legal PLLC", True),
        ("Office of the Federal Public Defender", True),
        ("Firm Admin", True),
        ("Smith and Jones LLC", True),
        ("Jane Doe", False),
        ("Lawrence Office-Smith", False),
        ("Jane Q. Doe, Esq.", False),
        ("Pauline Adams", False),
    ],
)
def test_firm_like_names(name, firm):
    assert looks_like_firm(name) is firm


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Jane Doe", "JANE DOE", True),
        ("Jane Q. Doe", "Jane Doe", True),
        ("Doe, Jane Q.", "Jane Doe", True),
        ("Jane Doe Jr.", "Jane Doe", True),
        ("Jane Doe, Esq.", "jane  doe", True),
        ("José Núñez", "Jose Nunez", True),
        ("Jane Doe", "John Doe", False),
        ("Jane Doe", "Jane Roe", False),
        ("Doe", "Jane Doe", False),
    ],
)
def test_name_matching(a, b, same):
    assert same_person(a, b) is same


def test_person_key():
    assert person_key("Mary Anne O'Neil-Smith III") == ("mary", "oneil-smith")
    assert person_key("Madonna") is None


@pytest.mark.parametrize(
    "pacer, cmecf, signals",
    [
        (Account("jdoe2024", "Jane Doe"), Account("jdoe", "Jane Q. Doe"), []),  # individual: silent
        (Account("smithlaw", "Smith & Associates LLP"), Account("jdoe", "Jane Doe"), ["firm_like_name"]),
        (Account("rroe2019", "Richard Roe"), Account("jdoe", "Jane Doe"), ["name_mismatch"]),
        (Account("jdoe2024", ""), Account("jdoe", "Jane Doe"), []),  # nothing to compare: no guess
        (None, Account("jdoe", "Jane Doe"), []),
    ],
)
def test_shared_account_signals(pacer, cmecf, signals):
    assert shared_account_signals(pacer, cmecf) == signals
