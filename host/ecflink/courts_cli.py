"""`ecflink courts`, `ecflink check` and `ecflink status`: your courts, PACER's court list, the
readiness check and the export for a firm's IT (docs/court-data.md)."""

from __future__ import annotations

import argparse
import csv
import json
import sys

from ecflink import courtdata, readiness, settings
from ecflink.courts import Court, all_courts
from ecflink.credentials import CredentialStore
from ecflink.guide import texts
from ecflink.paths import data_dir
from ecflink.progress import SKIPPABLE, ProgressStore
from ecflink.yourcourts import EXPORT_FIELDS, court_facts, entries, export_row, stored_logins

MARKS = {True: "ok", False: "to do", None: "unknown"}


def _court(command: str, court_id: str) -> Court | None:
    court = all_courts().get(court_id.strip().lower())
    if court is None:
        print(f"ecflink {command}: no court with the id {court_id!r}; see “ecflink courts list”", file=sys.stderr)
    return court


def _stores() -> tuple[ProgressStore, dict[str, str]]:
    logins, problem = stored_logins(CredentialStore(data_dir() / "credentials.json"))
    if problem:
        print(f"note: {problem}", file=sys.stderr)
    return ProgressStore(data_dir() / "progress.sqlite3"), logins


def cmd_courts(args: argparse.Namespace) -> int:
    data = courtdata.current()
    if args.action == "update":
        return _update(args)
    if args.action == "show":
        court = _court("courts show", args.court)
        if court is None:
            return 2
        facts = court_facts(court, data.courts.get(court.pacer_code), data)
        if args.json:
            print(json.dumps(facts, indent=2, ensure_ascii=False))
        else:
            for name, value in facts.items():
                shown = ", ".join(value) if isinstance(value, list) else value
                print(f"{name + ':':<17} {'' if shown is None else shown}")
        return 0
    if args.action in ("add", "remove"):
        court = _court(f"courts {args.action}", args.court)
        if court is None:
            return 2
        store, logins = _stores()
        store.choose(court.id, "added" if args.action == "add" else "removed")
        if args.action == "remove" and court.id in logins:
            print(
                f"{court.id} stays in your courts while its CM/ECF login is stored "
                f"(“ecflink creds delete {court.id}” removes the login).",
                file=sys.stderr,
            )
        done = "Added {} to" if args.action == "add" else "Removed {} from"
        print(f"{done.format(court.name)} your courts.")
        return 0
    every = [court_facts(c, data.courts.get(c.pacer_code), data) for c in all_courts().values()]
    if args.json:
        print(json.dumps(every, indent=2, ensure_ascii=False))
        return 0
    print(f"PACER's court list of {data.date}")
    for f in every:
        nextgen = {True: f"NextGen {f['release'] or ''}".strip(), False: "not NextGen", None: "unknown"}[f["nextgen"]]
        shown = f["system_label"] or nextgen
        print(f"{f['id']:<6} {f['type']:<10} {shown:<16} {f['name']}")
    return 0


def _update(args: argparse.Namespace) -> int:
    known = {c.pacer_code for c in all_courts().values()}
    try:
        if args.from_file:
            try:
                raw = args.from_file.read_bytes()
            except OSError as exc:
                raise courtdata.FeedError(f"cannot read {args.from_file}: {exc.strerror}") from None
            snapshot = courtdata.parse_feed(raw, known, str(args.from_file))
            path = courtdata.adopt(snapshot)
        else:
            snapshot, path = courtdata.update(known, args.url)
    except courtdata.FeedError as exc:
        print(
            f"ecflink courts update: kept the court list of {courtdata.current().date}: {exc.reason}", file=sys.stderr
        )
        return 1
    print(f"Court list updated: {len(snapshot.courts)} courts, PACER's list of {snapshot.date} ({path}).")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Every readiness point: the PACER account's, then one court's or each of your courts not yet linked."""
    data = courtdata.current()
    store, logins = _stores()
    known = settings.load()
    if args.court:
        court = _court("check", args.court)
        if court is None:
            return 2
        courts = [court]
    else:
        courts = [e.court for e in entries(store, logins, data) if e.yours and e.state != "linked"]
        if not courts:
            print("None of your courts is waiting to be linked; name one: ecflink check COURT")
    mine = (known.my_pacer_username or "").strip()
    account = readiness.own_account(known, store)
    print(f"Your PACER account{f' ({mine})' if mine else ''}")
    for point in account:
        print(f"  [{MARKS[point.ok]}] {point.text}")
    ready = all(p.ok is not False for p in account)
    for court in courts:
        points = readiness.check(court, data.courts.get(court.pacer_code), data.date, known, logins.get(court.id))
        print(f"{court.name} ({court.id})")
        for point in points:
            print(f"  [{MARKS[point.ok]}] {point.text}")
        ready = ready and all(p.ok is not False for p in points)
    return 0 if ready else 1


def cmd_status(args: argparse.Namespace) -> int:
    data = courtdata.current()
    store, logins = _stores()
    listed = [e for e in entries(store, logins, data, guided_only=False) if args.all or e.yours]
    rows = [export_row(e, data) for e in listed]
    if args.json:
        accounts = [
            {
                "pacer_username": username,
                "skips": {p: seen.get(p, 0) for p in SKIPPABLE},
                "last_skip_at": seen["last_at"],
            }
            for username, seen in store.all_skips().items()
        ]
        exported = {"format": 1, "data_date": data.date, "courts": rows, "pacer_accounts": accounts}
        print(json.dumps(exported, indent=2, ensure_ascii=False))
        return 0
    if args.csv:
        out = csv.DictWriter(sys.stdout, fieldnames=EXPORT_FIELDS, lineterminator="\n")
        out.writeheader()
        for row in rows:
            out.writerow({k: ";".join(v) if isinstance(v, list) else v for k, v in row.items()})
        return 0
    if not rows:
        print("None of your courts yet: ecflink adds a court when you visit it or store its CM/ECF login,")
        print("or add one yourself: ecflink courts add COURT")
        return 0
    states = texts()["courts"]["states"]
    for entry in listed:
        print(f"{entry.court.id:<6} {states[entry.state]:<16} {entry.court.name}")
        print(f"       {entry.next_action}")
    return 0
