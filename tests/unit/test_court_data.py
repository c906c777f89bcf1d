"""PACER's court list: the shipped snapshot, the court table against PACER's real feed, the sanity
checks on a feed, and `ecflink courts update` against a local https server serving good and bad
feeds (a throw-away CA given to Python through SSL_CERT_FILE)."""

import http.server
import json
import os
import ssl
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ecflink import courtdata
from ecflink.courtdata import FeedError, parse_feed
from ecflink.courts import all_courts
from ecflink.practice.sim.tls import make_pki

ROOT = Path(__file__).resolve().parents[2]
REAL_FEED = ROOT.parent / "shared" / "data" / "pacer-court-cmecf-lookup-2023-01-10.json"
KNOWN = {c.pacer_code for c in all_courts().values()}
FEED_TYPE = {"district": "District", "bankruptcy": "Bankruptcy", "appellate": "Appeals", "national": "National"}


def own_feed(last_updated: str = "Mon, 30 Nov 2026 06:10:05 -0500", **changes) -> dict:
    """A feed in PACER's shape, written here from the court table (every court NextGen 1.8)."""
    data = [
        {
            "court_id": c.pacer_code,
            "title": c.name,
            "type": FEED_TYPE[c.type],
            "login_url": f"https://{c.ecf_host}",
            "web_url": f"https://www.{c.id}.uscourts.gov/cmecf",
            "software_version": "NextGen CM/ECF Release 1.8 (Revision 1.8.0.1)",
            "go_live_date": "June 1st, 2004",
            "help_desk": [
                {"courtId": c.pacer_code, "phone": "(210) 555-0100"},
                {"courtId": c.pacer_code, "phone": "NA"},
            ],
            "flags": [{"code": "X", "translation": "x"}] * 20,
        }
        for c in all_courts().values()
    ]
    for code, change in changes.items():
        entry = next(e for e in data if e["court_id"] == code)
        entry.update(change)
    return {"meta": {"credit": "PACER", "last_updated": last_updated}, "data": data}


def raw(feed: dict) -> bytes:
    return json.dumps(feed).encode()


def test_the_shipped_snapshot_is_pacers_list_of_2023_01_10():
    snapshot = courtdata.shipped()
    assert snapshot.date == "2023-01-10" and len(snapshot.courts) == 210
    txwd = snapshot.courts["TXWDC"]
    assert (txwd.nextgen, txwd.release, txwd.go_live) == (True, "1.6.3", "2006-05-01")
    assert txwd.help_desk == ()  # PACER lists "NA" and an e-mail address: no phone
    assert snapshot.courts["01CA"].help_desk == ("617-748-9200", "617-748-9650")
    assert all(snapshot.courts[c.pacer_code] for c in all_courts().values())


def test_the_court_table_agrees_with_pacers_feed():
    """Every court of PACER's real feed with a CM/ECF site of its own is in the table under the
    same PACER code and host, and the other way round (the bankruptcy appellate panels share their
    circuit's site; the asbestos docket and PACER's own services are not courts to link)."""
    if not REAL_FEED.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"PACER's feed is required in CI: {REAL_FEED}")
        pytest.skip(f"PACER's feed not present at {REAL_FEED}")
    feed = parse_feed(REAL_FEED.read_bytes(), KNOWN, str(REAL_FEED))
    assert feed.date == "2023-01-10" and len(feed.courts) == 210
    by_host = {c.ecf_host: c for c in all_courts().values()}
    paired = set()
    for info in feed.courts.values():
        host = urlsplit(info.login_url or "").hostname or ""
        if info.pacer_code.endswith("BAP") or info.pacer_code in ("00PCL", "OHNDAD", "SCOTUS"):
            continue
        court = by_host[host]
        assert court.pacer_code == info.pacer_code, (court.id, info.pacer_code)
        assert court.type == {v: k for k, v in FEED_TYPE.items()}[info.feed_type]
        paired.add(court.id)
    assert paired == set(all_courts())
    assert courtdata.shipped() == parse_feed(REAL_FEED.read_bytes(), KNOWN, courtdata.FEED_URL)


def test_a_good_feed_is_read():
    snapshot = parse_feed(raw(own_feed()), KNOWN)
    assert snapshot.date == "2026-11-30" and len(snapshot.courts) == len(all_courts())
    cit = snapshot.courts["CITDC"]
    assert (cit.nextgen, cit.release, cit.go_live, cit.help_desk) == (
        True,
        "1.8.0.1",
        "2004-06-01",
        ("(210) 555-0100",),
    )
    assert courtdata.read_court_list(snapshot.to_json()) == snapshot


@pytest.mark.parametrize(
    "version, nextgen, release",
    [
        ("NextGen CM/ECF Appellate Release 1.7", True, "1.7"),
        ("CM/ECF Version 6.3.3", False, None),
        ("", None, None),
        (None, None, None),
    ],
)
def test_nextgen_is_read_from_the_software_version(version, nextgen, release):
    info = parse_feed(raw(own_feed(TXWDC={"software_version": version})), KNOWN).courts["TXWDC"]
    assert (info.nextgen, info.release) == (nextgen, release)


@pytest.mark.parametrize(
    "body, reason",
    [
        (b"", "empty"),
        (b"  \n", "empty"),
        (raw(own_feed())[:50_000], "not complete JSON"),
        (b"<html>Service unavailable</html>", "not complete JSON"),
        (b"[1, 2, 3]", "not in PACER's format"),
        (json.dumps({"meta": {}, "data": own_feed()["data"]}).encode(), "no readable date"),
        (raw({**own_feed(), "data": own_feed()["data"][:40]}), "has 40 entries"),
        (raw(own_feed(TXWDC={"court_id": ""})), "lacks its court_id"),
        (raw({**own_feed(), "data": own_feed()["data"] + own_feed()["data"][:1]}), "twice"),
        (b"[" * 100_000, "not complete JSON"),
    ],
)
def test_a_bad_feed_is_refused_with_its_reason(body, reason):
    with pytest.raises(FeedError, match=reason):
        parse_feed(body, KNOWN)


def test_an_oversized_feed_is_refused():
    with pytest.raises(FeedError, match="larger than 16 MB"):
        parse_feed(b" " * (courtdata.MAX_FEED_BYTES + 1), KNOWN)


def test_a_feed_of_other_courts_is_refused():
    feed = own_feed()
    for number, entry in enumerate(feed["data"]):
        entry["court_id"] = f"X{number}"
    with pytest.raises(FeedError, match="lacks 204 of the 204 courts"):
        parse_feed(raw(feed), KNOWN)


# -- ecflink courts update against a local https server ---------------------------------------


class Feeds(http.server.BaseHTTPRequestHandler):
    bodies: dict[str, bytes] = {}

    def do_GET(self):
        body = self.bodies.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def feed_server(tmp_path_factory):
    """https://localhost:PORT/ serving good and bad feeds, with the CA's file for SSL_CERT_FILE."""
    pki = make_pki(tmp_path_factory.mktemp("pki"), ["localhost"])
    good = raw(own_feed())
    Feeds.bodies = {
        "/good.json": good,
        "/older.json": raw(own_feed("Sun, 01 Jan 2023 06:00:00 -0500")),
        "/truncated.json": good[: len(good) // 2],
        "/empty.json": b"",
        "/oversized.json": b" " * (courtdata.MAX_FEED_BYTES + 10),
        "/malformed.json": b'{"meta": {"last_updated": "Mon, 30 Nov 2026 06:10:05 -0500"}, "data": {"a": 1}}',
    }
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Feeds)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(pki.server_chain, pki.server_key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"https://localhost:{server.server_address[1]}", pki.ca_cert
    server.shutdown()


def update(base_and_ca, path, data_dir, trust=True):
    base, ca = base_and_ca
    env = {**os.environ, "ECFLINK_DATA_DIR": str(data_dir)}
    if trust:
        env["SSL_CERT_FILE"] = str(ca)
    command = [sys.executable, "-m", "ecflink.cli", "courts", "update", "--url", base + path]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def shown_date(data_dir) -> str:
    env = {**os.environ, "ECFLINK_DATA_DIR": str(data_dir)}
    shown = subprocess.run(
        [sys.executable, "-m", "ecflink.cli", "courts", "show", "cit", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return json.loads(shown.stdout)["data_date"]


def test_update_takes_a_good_feed_and_keeps_it_private(feed_server, tmp_path):
    done = update(feed_server, "/good.json", tmp_path)
    assert done.returncode == 0 and "204 courts, PACER's list of 2026-11-30" in done.stdout, done.stderr
    saved = tmp_path / courtdata.FILE_NAME
    assert saved.stat().st_mode & 0o077 == 0
    assert shown_date(tmp_path) == "2026-11-30"


@pytest.mark.parametrize(
    "path, reason",
    [
        ("/truncated.json", "not complete JSON"),
        ("/empty.json", "empty"),
        ("/oversized.json", "larger than 16 MB"),
        ("/malformed.json", "not in PACER's format"),
        ("/missing.json", "answered 404"),
        ("/older.json", "older than the one in use"),
    ],
)
def test_update_keeps_the_list_in_use_when_a_feed_is_bad(feed_server, tmp_path, path, reason):
    assert update(feed_server, "/good.json", tmp_path).returncode == 0
    before = (tmp_path / courtdata.FILE_NAME).read_bytes()
    refused = update(feed_server, path, tmp_path)
    assert refused.returncode == 1 and "kept the court list of 2026-11-30" in refused.stderr
    assert reason in refused.stderr
    assert (tmp_path / courtdata.FILE_NAME).read_bytes() == before


def test_update_refuses_a_server_it_cannot_trust(feed_server, tmp_path):
    refused = update(feed_server, "/good.json", tmp_path, trust=False)
    assert refused.returncode == 1 and "CERTIFICATE_VERIFY_FAILED" in refused.stderr
    assert not (tmp_path / courtdata.FILE_NAME).exists() and shown_date(tmp_path) == "2023-01-10"


def test_update_refuses_plain_http(tmp_path):
    refused = update(("http://localhost:9", None), "/x.json", tmp_path, trust=False)
    assert refused.returncode == 1 and "https only" in refused.stderr


def test_a_damaged_saved_list_falls_back_to_the_shipped_one(tmp_path, monkeypatch):
    monkeypatch.setenv("ECFLINK_DATA_DIR", str(tmp_path))
    (tmp_path / courtdata.FILE_NAME).write_text('{"format": 1, "date": "2099-01-01"')
    assert courtdata.current() == courtdata.shipped()
