"""The `ecflink` command."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _layout(args: argparse.Namespace):
    from ecflink.installer.install import Layout

    return Layout(level="system" if args.system else "user", system_dir=args.system_dir)


def _accepted(args: argparse.Namespace):
    """The extensions to accept: the published ones, those named with --extension-id, and with --dev
    the development extension; None (said on stderr) when an ID is not one."""
    from ecflink import identity

    accepted = identity.published() | (identity.development() if args.dev else identity.Accepted())
    for text in args.extension_id or []:
        try:
            accepted = accepted | identity.extension_id(text)
        except identity.UnknownExtensionId as exc:
            print(f"ecflink install: {exc}", file=sys.stderr)
            return None
    return accepted


def cmd_install(args: argparse.Namespace) -> int:
    from ecflink.installer.install import NothingToAccept, UnsafeInterpreter, check_system_python, install
    from ecflink.installer.locations import BROWSERS, UnsupportedTarget, installed_browsers

    accepted = _accepted(args)
    if accepted is None:
        return 2
    layout = _layout(args)
    if args.system and os.name != "nt" and os.geteuid() != 0:
        print("ecflink install: a system-wide install must run as root (sudo)", file=sys.stderr)
        return 1
    try:
        for note in check_system_python(layout):
            print(f"ecflink install: note: {note}", file=sys.stderr)
    except UnsafeInterpreter as exc:
        print(
            "ecflink install: refused: every user's browser would run this host, so it must run only code "
            "root alone can change; here:\n  "
            + "\n  ".join(exc.problems[:20])
            + "\nInstall ecflink into a Python only root can change, for example:\n"
            "  sudo python3 -m venv /opt/ecflink && sudo /opt/ecflink/bin/pip install ecflink\n"
            "  sudo /opt/ecflink/bin/ecflink install --system",
            file=sys.stderr,
        )
        return 1
    from ecflink.installer.sandboxes import find_sandboxed

    for box in find_sandboxed(layout.machine):
        print(f"ecflink install: note: {box.browser}: {box.advice}", file=sys.stderr)
    browsers = args.browser or (list(BROWSERS) if args.every_browser else installed_browsers(layout.machine))
    if not browsers:
        print("ecflink install: no supported browser found on this computer; name one with --browser", file=sys.stderr)
        return 2
    done = 0
    for browser in dict.fromkeys(browsers):
        try:
            place = install(browser, layout, accepted, user_data_dir=args.user_data_dir)
        except UnsupportedTarget as exc:
            print(f"ecflink install: {exc}", file=sys.stderr)
            return 2
        except NothingToAccept:
            print(
                f"ecflink install: {browser}: no extension ID to accept: ecflink's extension has no store ID for "
                "this browser yet. Name your build's ID with --extension-id ID, or, for the extension loaded "
                "unpacked from extension/, use --dev." + (" Skipped." if not args.browser else ""),
                file=sys.stderr,
            )
            if args.browser:
                return 2
            continue
        except PermissionError as exc:
            who = "an administrator" if layout.machine.os == "win32" else "root (sudo)"
            print(
                f"ecflink install: cannot write {exc.filename or 'the registry'}: permission denied"
                + (f"; a system-wide install must run as {who}" if args.system else ""),
                file=sys.stderr,
            )
            return 1
        print(f"{browser}: host manifest {place}")
        done += 1
    if not done:
        return 2
    print(f"launcher: {layout.launcher_path}")
    from ecflink.installer.install import accepted_at

    answered = accepted_at(layout)
    for family in ("chromium", "firefox"):
        print(f"accepts {family} extensions: {', '.join(answered.of(family)) or '(none)'}")
    return 0


def cmd_uninstall(args: argparse.Namespace) -> int:
    from ecflink.installer.install import uninstall

    problems = uninstall(_layout(args), args.browser)
    for problem in problems:
        print(f"ecflink uninstall: {problem}", file=sys.stderr)
    print("removed what ecflink install wrote" + (" (see above)" if problems else ""))
    return 1 if problems else 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from ecflink.installer import doctor
    from ecflink.installer.machine import Machine

    machine = Machine.current()
    findings = doctor.run(machine, args.browser, user_data_dir=args.user_data_dir)
    print(doctor.report_json(machine, findings) if args.json else doctor.report_text(findings))
    return 1 if any(f.status == "fail" for f in findings) else 0


def classify_html(url: str, html: bytes) -> dict:
    """What the browser extension would conclude on this page, from saved HTML: with the PACER
    usernames of your settings, without progress state."""
    from ecflink import htmlfacts, pages, settings
    from ecflink.courts import court_for
    from ecflink.guide import PageContext, advise

    court = court_for(url)
    measured = htmlfacts.evaluate(html, pages.probes_for(url), url)
    facts = {name: value for name, value in measured.items() if isinstance(value, int)}
    listed = {name: value for name, value in measured.items() if isinstance(value, str)}
    page = pages.classify(url, facts)
    context = PageContext(
        court, facts, listed=listed, known=settings.load().known_accounts(), rule=page.rule, prompt=page.prompt
    )
    advice = advise(page.kind, context)
    return {
        "page": page.kind,
        "prompt": page.prompt,
        "rule": page.rule,
        "court": court.id if court else None,
        "instruction": advice.text,
        "warnings": advice.warnings,
        "target": advice.target,
        "hold": advice.hold,
        "facts": facts,
    }


def cmd_classify(args: argparse.Namespace) -> int:
    import json

    try:
        html = args.file.read_bytes()
    except OSError as exc:
        print(f"ecflink classify: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    url = args.url
    if url is None:
        from ecflink.reports import read_header

        url = read_header(args.file).get("url")
        if not url:
            print(
                "ecflink classify: give the page's address with --url (only a saved snapshot records it)",
                file=sys.stderr,
            )
            return 2
    print(json.dumps(classify_html(url, html), indent=2))
    return 0


def cmd_reports(args: argparse.Namespace) -> int:
    from ecflink import reports
    from ecflink.paths import data_dir

    if args.action == "show":
        found = reports.find(data_dir(), args.name)
        if found is None:
            print(f"ecflink reports: no snapshot named {args.name}", file=sys.stderr)
            return 1
        sys.stdout.write(found.path.read_text("utf-8"))
        return 0
    saved = reports.listing(data_dir())
    if not saved:
        print(
            "No snapshot saved yet. On a court or PACER page ecflink misreads, use the popup's "
            "“Save a redacted snapshot”."
        )
        return 0
    for report in saved:
        print(f"{report.name}  {report.header.get('kind', '?'):<16} {report.header.get('url', '')}")
    print(
        f"in {reports.folder(data_dir())}; read one with “ecflink reports show NAME”, or judge it again with "
        "“ecflink classify FILE”"
    )
    return 0


def _credential_store():
    from ecflink.credentials import CredentialStore
    from ecflink.paths import data_dir

    return CredentialStore(data_dir() / "credentials.json")


def cmd_creds(args: argparse.Namespace) -> int:
    import getpass

    from ecflink.courts import all_courts
    from ecflink.credentials import CredentialError, unlinkable_characters

    store = _credential_store()
    try:
        if args.action == "list":
            entries = store.list()
            if not entries:
                print("No CM/ECF login is stored yet.")
            for entry in entries:
                print(
                    f"{entry['court']:<6} {entry['login']:<24} saved {entry['saved_at']}  {all_courts()[entry['court']].name}"
                )
        elif args.action == "delete":
            store.delete(args.court)
            print(f"Removed the CM/ECF login for {args.court} from the keyring.")
        elif args.action == "repair":
            found = store.repair()
            print(f"Rebuilt the list of stored logins from the keyring: {', '.join(found) or 'none found'}.")
        else:
            if args.password_stdin:
                password = sys.stdin.readline().rstrip("\r\n")
            elif sys.stdin.isatty():
                password = getpass.getpass(f"CM/ECF password for {args.login} at {args.court.upper()}: ")
            else:
                print(
                    "ecflink creds set: no terminal to ask for the password; pipe it in with --password-stdin",
                    file=sys.stderr,
                )
                return 2
            bad = unlinkable_characters(args.login)
            if bad:
                print(
                    f"warning: courts say CM/ECF logins containing {' '.join(bad)} cannot be linked; "
                    "ask the court's CM/ECF help desk for a new login.",
                    file=sys.stderr,
                )
            store.set(args.court, args.login, password)
            print(f"Saved the CM/ECF login {args.login} for {args.court} in the system keyring.")
    except CredentialError as exc:
        print(f"ecflink creds {args.action}: {exc.message}", file=sys.stderr)
        return 1
    return 0


# `ecflink config` actions that say yes or no of the PACER account, and the setting each sets.
_SAID = {"mfa-ready": "mfa_ready", "backup-codes-saved": "backup_codes_saved", "email-checked": "email_checked"}


def cmd_config(args: argparse.Namespace) -> int:
    import sqlite3

    from ecflink import settings
    from ecflink.paths import data_dir
    from ecflink.progress import ProgressStore

    known = settings.load()
    if args.action == "my-username":
        known.my_pacer_username = args.name.strip() or None
    elif args.action in _SAID:
        setattr(known, _SAID[args.action], args.answer == "yes")
    elif args.action == "password-changed":
        try:
            day = settings.said_day(args.day)
        except ValueError as exc:
            print(f"ecflink config password-changed: {exc}: give the day as YYYY-MM-DD, or today", file=sys.stderr)
            return 2
        mine = (known.my_pacer_username or "").strip()
        if mine and day != known.password_changed_on:  # your new password: its notice counts again
            try:
                ProgressStore(data_dir() / "progress.sqlite3").forget_skips(mine, "password_update")
            except (sqlite3.Error, OSError, RuntimeError) as exc:
                print(f"note: the Skips seen could not be reset ({type(exc).__name__})", file=sys.stderr)
        known.password_changed_on = day
    elif args.action == "add-shared":
        known.shared_usernames.append(args.name.strip())
    elif args.action == "remove-shared":
        name = args.name.strip().casefold()
        known.shared_usernames = [u for u in known.shared_usernames if u.casefold() != name]
        if name in {u.casefold() for u in known.firm_shared_usernames}:
            print(
                f"{args.name.strip()} is on your firm's list, set by browser policy; only the firm can remove it.",
                file=sys.stderr,
            )
    if args.action != "show":
        settings.save(known)
        known = settings.load()
    print(f"my PACER username: {known.my_pacer_username or '(not set)'}")
    print(f"shared firm PACER usernames: {', '.join(known.shared_usernames) or '(none)'}")
    said = lambda value: "yes" if value else "not said yet"  # noqa: E731
    print(f"multifactor authentication set up on PACER: {said(known.mfa_ready)}")
    print(f"PACER's backup codes saved offline: {said(known.backup_codes_saved)}")
    print(f"e-mail address on the PACER account checked: {said(known.email_checked)}")
    print(f"PACER password last changed: {known.password_changed_on or 'not said yet'}")
    if known.firm_shared_usernames:
        print(f"set by your firm's browser policy: {', '.join(known.firm_shared_usernames)}")
    return 0


def _courts_command(name: str):
    """A handler of courts_cli.py, imported when the command runs."""

    def run(args: argparse.Namespace) -> int:
        from ecflink import courts_cli

        return getattr(courts_cli, name)(args)

    return run


def build_parser() -> argparse.ArgumentParser:
    from ecflink import __version__
    from ecflink.installer.locations import BROWSERS

    parser = argparse.ArgumentParser(prog="ecflink", description="Link CM/ECF accounts to PACER in NextGen courts.")
    parser.add_argument("--version", action="version", version=f"ecflink {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("install", help="register the native-messaging host with browsers")
    p.add_argument(
        "--browser",
        action="append",
        choices=tuple(BROWSERS),
        help="may be repeated (default: every supported browser found on this computer)",
    )
    p.add_argument("--system", action="store_true", help="for every user of this computer (root / administrator)")
    p.add_argument("--system-dir", help=argparse.SUPPRESS)  # a package's own folder for --system (the .deb's)
    p.add_argument(
        "--every-browser",
        action="store_true",
        help="every supported browser, found here or not (those without an extension ID to accept are skipped)",
    )
    p.add_argument("--user-data-dir", type=Path, help="a Chromium-family profile folder given to the browser")
    p.add_argument(
        "--extension-id",
        action="append",
        metavar="ID",
        help="also accept this extension (a firm's own build): a Chrome-family ID or a Firefox add-on ID; may be repeated",
    )
    p.add_argument(
        "--dev", action="store_true", help="also accept the development extension (extension/ loaded unpacked)"
    )
    p.set_defaults(func=cmd_install)

    p = sub.add_parser("uninstall", help="remove exactly what install wrote")
    p.add_argument("--browser", action="append", choices=tuple(BROWSERS), help="only these browsers (default: all)")
    p.add_argument("--system", action="store_true", help="what a system-wide install wrote")
    p.add_argument("--system-dir", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_uninstall)

    p = sub.add_parser("doctor", help="check that each browser can find and start the host; print the fixes")
    p.add_argument(
        "--browser",
        action="append",
        choices=tuple(BROWSERS),
        help="only these browsers (default: those found on this computer or registered)",
    )
    p.add_argument("--user-data-dir", type=Path, help="a Chromium-family profile folder given to the browser")
    p.add_argument("--json", action="store_true", help="machine-readable report, for a support ticket")
    p.set_defaults(func=cmd_doctor)

    p = sub.add_parser("classify", help="name the link-procedure step a saved page is, as the extension would")
    p.add_argument("--url", help="the address the page was saved from (a snapshot records its own)")
    p.add_argument("file", type=Path, help="the saved HTML")
    p.set_defaults(func=cmd_classify)

    p = sub.add_parser("reports", help="redacted snapshots of pages ecflink misread, saved when you asked")
    p.set_defaults(func=cmd_reports, action="list")
    actions = p.add_subparsers(dest="action")
    actions.add_parser("list", help="every snapshot saved (the default)")
    actions.add_parser("show", help="print one snapshot").add_argument("name", help="its name (or the start of it)")

    p = sub.add_parser("status", help="your courts, their linking state and the next action; --json/--csv export them")
    shape = p.add_mutually_exclusive_group()
    shape.add_argument(
        "--json", action="store_true", help="for a firm's IT: every field, no secrets (docs/court-data.md)"
    )
    shape.add_argument("--csv", action="store_true", help="the same fields as CSV")
    p.add_argument("--all", action="store_true", help="every court, not only yours")
    p.set_defaults(func=_courts_command("cmd_status"))

    p = sub.add_parser("courts", help="PACER's court list: NextGen status, release, help desk; your courts")
    actions = p.add_subparsers(dest="action", required=True)
    q = actions.add_parser("list", help="every court ecflink knows")
    q.add_argument("--json", action="store_true")
    q = actions.add_parser("show", help="one court")
    q.add_argument("court", help="court id, such as txwd")
    q.add_argument("--json", action="store_true")
    actions.add_parser("add", help="add a court to your courts").add_argument("court")
    actions.add_parser("remove", help="take a court off your courts").add_argument("court")
    q = actions.add_parser("update", help="fetch PACER's current court list (kept only if it passes the checks)")
    q.add_argument("--url", default=None, help="another https address of the same feed (default: PACER's)")
    q.add_argument("--from", dest="from_file", type=Path, help="read a saved copy of the feed instead")
    p.set_defaults(func=_courts_command("cmd_courts"))

    p = sub.add_parser("check", help="are you ready to link a court? (default: each of your courts not yet linked)")
    p.add_argument("court", nargs="?")
    p.set_defaults(func=_courts_command("cmd_check"))

    p = sub.add_parser("creds", help="CM/ECF logins kept in the system keyring, one per court")
    creds = p.add_subparsers(dest="action", required=True)
    q = creds.add_parser("set", help="store or replace a court's CM/ECF login (the password is asked for)")
    q.add_argument("court", help="court id, such as txwd")
    q.add_argument("--login", required=True, help="the CM/ECF login (not the PACER one)")
    q.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    creds.add_parser("list", help="courts and logins (never passwords)")
    creds.add_parser("repair", help="rebuild a damaged list of stored logins from the keyring")
    q = creds.add_parser("delete", help="remove a court's CM/ECF login")
    q.add_argument("court")
    p.set_defaults(func=cmd_creds)

    p = sub.add_parser("config", help="your own PACER username, and shared firm usernames to warn about")
    config = p.add_subparsers(dest="action", required=True)
    config.add_parser("show")
    for action, text in [
        ("my-username", "set your own individual PACER username ('' to clear)"),
        ("add-shared", "add a PACER username known to be a shared firm account"),
        ("remove-shared", "remove a username from that list"),
    ]:
        config.add_parser(action, help=text).add_argument("name")
    for action, text in [
        ("mfa-ready", "say whether multifactor authentication is set up on your PACER account"),
        ("backup-codes-saved", "say whether PACER's backup codes for your account are saved offline"),
        ("email-checked", "say whether the e-mail address on your PACER account reaches you"),
    ]:
        config.add_parser(action, help=text).add_argument("answer", choices=("yes", "no"))
    q = config.add_parser("password-changed", help="the day your PACER password last changed: YYYY-MM-DD or today")
    q.add_argument("day")
    p.set_defaults(func=cmd_config)

    return parser


# Commands that read or write the data folder: it is made private first (paths.private_data_dir).
_DATA_COMMANDS = ("reports", "status", "creds", "config", "courts", "check")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command in _DATA_COMMANDS:
        from ecflink.paths import private_data_dir

        try:
            private_data_dir()
        except OSError as exc:
            print(f"ecflink: cannot make the data folder private ({type(exc).__name__}); going on", file=sys.stderr)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
