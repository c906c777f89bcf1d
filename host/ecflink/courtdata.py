"""Each court's NextGen status, CM/ECF release, go-live date and help desk, from PACER's official
Court CM/ECF Lookup feed (US federal judiciary data).

ecflink ships a snapshot of the feed's few fields it uses (`data/court-status.json`, with the feed's
own date); `ecflink courts update` fetches the current feed over https and keeps it in the data
folder, but only when it parses and passes the sanity checks below; otherwise the copy in use
stays and the reason is given. Nothing here is read on the host's start-up path.

Evidence: PACER's lookup page says "the court details will display 'NextGen CM/ECF' if the court
has converted"; its feed's `software_version` reads "NextGen CM/ECF Release 1.7.1 (Revision
1.7.1.1)" and the like (the 2023-01-10 feed: every one of its 208 courts with a version).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from ecflink.paths import in_data_dir, package_data, write_private

FEED_URL = "https://pacer.uscourts.gov/file-case/court-cmecf-lookup/data.json"
FILE_NAME = "court-status.json"
FORMAT = 1
MAX_FEED_BYTES = 16 * 1024 * 1024  # the 2023 feed is 2.3 MB, mostly each court's case flags
MIN_ENTRIES, MAX_ENTRIES = 150, 1000  # the 2023 feed has 210
KNOWN_SHARE = 0.9  # of the court table's courts the feed must name, by PACER code
_FIELD_LIMIT = 500  # characters kept of any one text field

# Patterns compiled on first use (re keeps them), not while the host starts.
_RELEASE = r"(?i)(?:Revision|Release)\s+(\d+(?:\.\d+)*)"
_DATE_FORMATS = ("%m/%d/%Y", "%m/%d/%y", "%m-%d-%Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%d %B %Y", "%Y-%m-%d")
_ORDINAL = r"(?<=\d)(?:st|nd|rd|th)\b"
_DIGITS = r"\d"
_FEED_DATE_FORMATS = ("%a, %d %b %Y %H:%M:%S %z", "%a, %d %b %Y %H:%M:%S %Z", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d")


class FeedError(Exception):
    """The feed cannot be used; `reason` says why, in words for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class CourtInfo:
    """One court as PACER's feed lists it: the raw fields ecflink keeps, and what they mean."""

    pacer_code: str  # the feed's court_id, e.g. TXWDC
    title: str
    feed_type: str  # District, Bankruptcy, Appeals, National
    login_url: str | None = None
    web_url: str | None = None  # the court's CM/ECF information page
    software_version: str | None = None
    go_live_date: str | None = None  # as the feed spells it: "05/01/2006", "March 5, 2001"
    help_desk: tuple[str, ...] = ()  # phone numbers

    @property
    def nextgen(self) -> bool | None:
        """True when PACER lists the court's CM/ECF as NextGen, False when it lists another
        version, None when it lists none."""
        if not self.software_version:
            return None
        return "nextgen" in self.software_version.casefold()

    @property
    def release(self) -> str | None:
        """The CM/ECF release number, the revision where one is given: "1.7.1.1"."""
        found = re.findall(_RELEASE, self.software_version or "")
        return found[-1] if found else None

    @property
    def go_live(self) -> str | None:
        """The court's CM/ECF go-live date (ISO), when PACER lists it as one date; else None (the
        feed's own words are in `go_live_date`: "May, 2003", "First Case 10/1/97; All Civil 10/1/99")."""
        return _iso_date(re.sub(_ORDINAL, "", (self.go_live_date or "").strip("[] .")), _DATE_FORMATS)


@dataclass(frozen=True, slots=True)
class CourtList:
    """The feed as ecflink keeps it: its date (PACER's `last_updated`), its source, its courts."""

    date: str  # ISO date
    source: str
    courts: dict[str, CourtInfo]  # by PACER code

    def to_json(self) -> str:
        courts = [{**asdict(c), "help_desk": list(c.help_desk)} for c in self.courts.values()]
        body = {"format": FORMAT, "date": self.date, "source": self.source, "courts": courts}
        return json.dumps(body, indent=1, ensure_ascii=False) + "\n"


def _iso_date(text: str, formats: tuple[str, ...]) -> str | None:
    text = " ".join(text.split())
    for spelling in formats:
        try:
            return datetime.strptime(text, spelling).date().isoformat()
        except ValueError:
            continue
    return None


def _text(value: object) -> str | None:
    return " ".join(value.split())[:_FIELD_LIMIT] or None if isinstance(value, str) else None


def _phones(value: object) -> tuple[str, ...]:
    """The phone numbers of the feed's `help_desk`, a list of {courtId, phone, division?}; entries
    whose `phone` is not a number ("NA", an e-mail address) are left out."""
    if not isinstance(value, list):
        return ()
    phones = [_text(entry.get("phone")) for entry in value if isinstance(entry, dict)]
    return tuple(dict.fromkeys(p for p in phones if p and len(re.findall(_DIGITS, p)) >= 10))[:10]


def parse_feed(raw: bytes, known_codes: set[str], source: str = FEED_URL) -> CourtList:
    """PACER's feed, checked: its size, its JSON, its date, each entry's required fields, no court
    twice, and most of the courts ecflink knows (`known_codes`) present. FeedError says what failed."""
    if len(raw) > MAX_FEED_BYTES:
        raise FeedError(f"the court list is larger than {MAX_FEED_BYTES // (1024 * 1024)} MB")
    if not raw.strip():
        raise FeedError("the court list is empty")
    try:
        feed = json.loads(raw)
    except (ValueError, RecursionError):
        raise FeedError("the court list is not complete JSON (cut short or damaged)") from None
    if not isinstance(feed, dict) or not isinstance(feed.get("data"), list) or not isinstance(feed.get("meta"), dict):
        raise FeedError("the court list is not in PACER's format (no meta and data)")
    date = _iso_date(str(feed["meta"].get("last_updated", "")), _FEED_DATE_FORMATS)
    if date is None:
        raise FeedError("the court list has no readable date (meta.last_updated)")
    entries = feed["data"]
    if not MIN_ENTRIES <= len(entries) <= MAX_ENTRIES:
        raise FeedError(f"the court list has {len(entries)} entries; PACER's has about 210")
    courts: dict[str, CourtInfo] = {}
    for number, entry in enumerate(entries, 1):
        code, title, kind = (
            _text(entry.get(k)) if isinstance(entry, dict) else None for k in ("court_id", "title", "type")
        )
        if not (code and title and kind):
            raise FeedError(f"entry {number} of the court list lacks its court_id, title or type")
        if code.upper() in courts:
            raise FeedError(f"the court list names {code} twice")
        courts[code.upper()] = CourtInfo(
            pacer_code=code.upper(),
            title=title,
            feed_type=kind,
            login_url=_text(entry.get("login_url")),
            web_url=_text(entry.get("web_url")),
            software_version=_text(entry.get("software_version")),
            go_live_date=_text(entry.get("go_live_date")),
            help_desk=_phones(entry.get("help_desk")),
        )
    missing = known_codes - courts.keys()
    if known_codes and len(missing) > (1 - KNOWN_SHARE) * len(known_codes):
        raise FeedError(f"the court list lacks {len(missing)} of the {len(known_codes)} courts ecflink knows")
    return CourtList(date, source, courts)


def read_court_list(text: str) -> CourtList:
    """A court list as `CourtList.to_json` wrote it; FeedError if it is not one."""
    try:
        body = json.loads(text)
        if body.get("format") != FORMAT:
            raise FeedError(f"a court list in format {body.get('format')!r}, not {FORMAT}")
        courts = {
            c["pacer_code"]: CourtInfo(**{**c, "help_desk": tuple(c.get("help_desk", ()))}) for c in body["courts"]
        }
        return CourtList(body["date"], body["source"], courts)
    except (ValueError, KeyError, TypeError, AttributeError):
        raise FeedError("the saved court list is damaged") from None


def updated_path() -> Path:
    """The court list `ecflink courts update` saved, in the data folder."""
    return in_data_dir(FILE_NAME)


@cache
def shipped() -> CourtList:
    """The court list that came with this version of ecflink."""
    return read_court_list(package_data(FILE_NAME))


def current() -> CourtList:
    """The newer of the shipped court list and the one last updated; a damaged one is passed over."""
    try:
        with open(updated_path(), encoding="utf-8") as file:
            saved = read_court_list(file.read())
    except (OSError, FeedError):
        return shipped()
    return saved if saved.date >= shipped().date else shipped()


def save(court_list: CourtList) -> Path:
    """Write `court_list` as the data folder's court list, atomically and private to the user."""
    path = updated_path()
    write_private(path, court_list.to_json())
    return path


def fetch(url: str = FEED_URL, timeout: float = 30) -> bytes:
    """The feed's bytes, over https with the system's certificate checks; at most MAX_FEED_BYTES + 1."""
    import ssl
    import urllib.error
    import urllib.request

    if not url.startswith("https://"):
        raise FeedError("the court list is fetched over https only")
    request = urllib.request.Request(
        url, headers={"User-Agent": "ecflink court list update", "Accept": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=ssl.create_default_context()) as response:
            return response.read(MAX_FEED_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise FeedError(f"the server answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FeedError(f"cannot fetch the court list: {reason}") from None


def adopt(fresh: CourtList) -> Path:
    """Save a checked court list as the one in use; FeedError (the list in use untouched) if it is
    older than the list in use."""
    in_use = current()
    if fresh.date < in_use.date:
        raise FeedError(f"that court list is dated {fresh.date}, older than the one in use ({in_use.date})")
    return save(fresh)


def update(known_codes: set[str], url: str = FEED_URL) -> tuple[CourtList, Path]:
    """Fetch, check and save the current feed; FeedError (with the copy in use untouched) if it
    cannot be fetched, fails a check, or is older than the copy in use."""
    fresh = parse_feed(fetch(url), known_codes, url)
    return fresh, adopt(fresh)
