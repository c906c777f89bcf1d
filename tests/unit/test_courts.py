import pytest

from ecflink.courts import court_from_url


@pytest.mark.parametrize(
    "url, court",
    [
        ("https://ecf.txwd.uscourts.gov/", "txwd"),
        ("https://ecf.txwd.uscourts.gov/cgi-bin/DisplayMenu.pl?Utilities", "txwd"),
        ("https://ECF.TXWB.USCOURTS.GOV/", "txwb"),
        ("https://ecf.ca5.uscourts.gov/n/beam/servlet/TransportRoom", "ca5"),
        ("https://ecf.txwd.uscourts.gov:443/", "txwd"),
        # lookalikes and everything that is not exactly a court's https host
        ("https://ecf.txwd.uscourts.gov.evil.example/", None),
        ("https://xecf.txwd.uscourts.gov/", None),
        ("https://ecf-txwd.uscourts.gov/", None),
        ("https://ecf.txwd.uscourts.gov./", None),
        ("https://ecf.tx.wd.uscourts.gov/", None),
        ("https://www.uscourts.gov/", None),
        ("http://ecf.txwd.uscourts.gov/", None),
        ("https://ecf.txwd.uscourts.gov:8443/", None),
        ("https://user@ecf.txwd.uscourts.gov/", None),
        ("https://evil.example/?u=https://ecf.txwd.uscourts.gov/", None),
        ("https://evil.example/#ecf.txwd.uscourts.gov", None),
        ("https://ecf.txwd.uscourts.gov:99999/", None),
        ("javascript:alert(1)//ecf.txwd.uscourts.gov", None),
        ("not a url", None),
        ("", None),
    ],
)
def test_court_from_url(url, court):
    assert court_from_url(url) == court
