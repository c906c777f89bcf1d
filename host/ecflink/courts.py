"""The federal courts (a table of facts in data/courts.csv, the systems in data/court-systems.json)
and which one a browser-attested URL is for."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import parse_qs, urlsplit

from ecflink.paths import package_data

CSO_HOST = "pacer.login.uscourts.gov"
_ECF_HOST = re.compile(r"ecf\.([a-z0-9]{2,12})\.uscourts\.gov")


@dataclass(frozen=True, slots=True)
class Court:
    id: str
    type: str  # "district", "bankruptcy", "appellate" or "national" (CIT, COFC, JPML)
    name: str
    ecf_host: str
    pacer_code: str  # also the CSO login's pscCourtId

    @property
    def guided(self) -> bool:
        """A district, bankruptcy or national court (CIT, COFC, JPML run the district courts' NextGen
        CM/ECF): the courts whose linking ecflink guides. The courts of appeals run another CM/ECF."""
        return self.type in ("district", "bankruptcy", "national")


@cache
def all_courts() -> dict[str, Court]:
    """Every court by id, read once from the shipped table: plain comma-separated lines, no field
    quoted (a row with a comma too many or too few fails here, not the csv module's 1 ms import)."""
    header, *lines = package_data("courts.csv").splitlines()
    rows = (dict(zip(header.split(","), line.split(","), strict=True)) for line in lines)
    return {row["id"]: Court(**row) for row in rows}


@dataclass(frozen=True, slots=True)
class System:
    """What a court files new cases in: "cmecf" (NextGen CM/ECF) or "acms" (PACER sign-on, nothing
    to link); since when, what ecflink says of it, and its short name in a list (None for CM/ECF:
    nothing to add)."""

    name: str
    since: str | None = None
    note: str | None = None
    label: str | None = None  # how `ecflink courts list` names it


@cache
def _systems() -> dict[str, System]:
    table = json.loads(package_data("court-systems.json"))["courts"]
    return {
        court: System(entry["system"], entry["since"], entry["note"], entry["label"]) for court, entry in table.items()
    }


def system_of(court: Court) -> System:
    """The system `court` files new cases in (data/court-systems.json; NextGen CM/ECF otherwise)."""
    return _systems().get(court.id, System("cmecf"))


@cache
def _by_pacer_code() -> dict[str, Court]:
    return {court.pacer_code: court for court in all_courts().values()}


def _https_host(url: str) -> tuple[str, str] | None:
    """(host, query) of an https URL on the default port without user-info, else None."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme != "https" or port not in (None, 443) or parts.username is not None or not parts.hostname:
        return None
    return parts.hostname, parts.query


def ecf_court(url: str) -> Court | None:
    """The court whose CM/ECF site this URL is on: the whole host must be `ecf.<id>.uscourts.gov`
    of a court in the table, over https on the default port."""
    found = _https_host(url)
    match = _ECF_HOST.fullmatch(found[0]) if found else None
    return all_courts().get(match.group(1)) if match else None


def is_cso_login(url: str) -> bool:
    """PACER Central Sign-On, where every NextGen court's login happens."""
    found = _https_host(url)
    return found is not None and found[0] == CSO_HOST


def court_for(url: str) -> Court | None:
    """The court a page belongs to: its ECF host, or on the PACER login page the court named by
    `pscCourtId`, which must agree with the ECF host of `appurl` when both are given."""
    if not is_cso_login(url):
        return ecf_court(url)
    parts = _https_host(url)
    if parts is None:
        return None
    query = parse_qs(parts[1])
    by_code = _by_pacer_code().get(query.get("pscCourtId", [""])[0].upper())
    by_target = ecf_court(query.get("appurl", [""])[0])
    if by_code and by_target and by_code != by_target:
        return None
    return by_code or by_target
