"""`./run demo` (python -m ecflink.practice.demo): the whole link procedure on the simulated court, in a real headless browser.

Jane Doe first saves her old CM/ECF login in the extension's options (kept in a private keyring
the demo starts, never the user's own), then fills the link form with the overlay's button. In the
stale-menus scenario the court keeps the old menus until ecflink's fixes (a hard reload, logging in
again, clearing the court's cookies and cache) bring the filing menus back; in the mfa-enrolment
scenario PACER asks her to enrol in multifactor authentication on the way in. The sign-in scenario
is a linked filer's every day instead: two sign-ins to a court she linked long ago, PACER asking her
to set up MFA at both; she skips it the first day, ecflink counts the Skip and says so the next day,
when she enrols and types her first code. Prints each step's page kind and hint, saves a screenshot
per step, and exits 0 only when the filing menus appeared (and, when linking, the court is recorded
as linked).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

DEMO_COURT = "txwd"
SCENARIOS = ("individual", "shared-account", "stale-menus", "mfa-enrolment", "sign-in")


def run_demo(browser: str, out_dir: Path, court: str = DEMO_COURT, scenario: str = "individual") -> int:
    from ecflink.practice.browsers import BrowserUnavailable, check_available
    from ecflink.practice.sim.court import SimulatedCourts
    from ecflink.practice.sim.keyring import KeyringUnavailable, start_keyring
    from ecflink.practice.walkthrough import court_name, demo_filer

    try:
        check_available(browser)
    except BrowserUnavailable as exc:
        print(f"cannot run the demo: {exc}", file=sys.stderr)
        return 2
    world = SimulatedCourts.with_demo_accounts()
    story = {
        "individual": "with her own PACER account",
        "shared-account": "while logged in with her firm's shared PACER account (ecflink must stop her)",
        "stale-menus": "in a court that keeps showing the old menus after linking (ecflink gets them back)",
        "mfa-enrolment": "with a PACER account not yet enrolled in multifactor authentication (PACER asks her "
        "to enrol; ecflink explains, and she skips it this time)",
        "sign-in": "long ago; today she only signs in, two days running, and PACER asks her to set up multifactor "
        "authentication",
    }[scenario]
    world.stale_menus = "cookie" if scenario == "stale-menus" else None
    if scenario in ("mfa-enrolment", "sign-in"):
        world.pacer["jdoe2024"].mfa_enrolled = False
        world.pacer["jdoe2024"].mfa_skips = 2 if scenario == "mfa-enrolment" else 3
    if scenario == "sign-in":
        world.ecf[(court, demo_filer(world, court).ecf_login)].linked_to = "jdoe2024"
    what = "Jane Doe linked her CM/ECF account" if scenario == "sign-in" else "linking Jane Doe's CM/ECF account"
    print(
        f"ecflink demo: {what} in the simulated {court_name(court)} {story}, "
        f"in headless {browser}.\nScreenshots go to {out_dir.resolve()}"
    )

    def show(step) -> None:
        print(
            f"step {step.number}: {step.title}\n  page: {step.kind}\n  hint: {step.hint['text']}\n"
            f"  screenshot: {step.screenshot}"
        )

    with tempfile.TemporaryDirectory(prefix="ecflink-demo-") as tmp:
        try:
            keyring = start_keyring(Path(tmp) / "keyring")
        except KeyringUnavailable as exc:
            print(f"cannot run the demo: {exc}", file=sys.stderr)
            return 2
        try:
            return _walk(browser, court, world, out_dir, Path(tmp), keyring.env, show, scenario)
        finally:
            keyring.stop()


def _walk(browser, court, world, out_dir, tmp, env, show, scenario) -> int:
    """The walkthrough itself, in a browser whose host uses the demo's keyring (`env`)."""
    from selenium.common.exceptions import WebDriverException

    from ecflink.practice.browsers import launch
    from ecflink.practice.sim.court import hosts
    from ecflink.practice.sim.network import SimulatedNetwork
    from ecflink.practice.walkthrough import Walker, demo_filer
    from ecflink.progress import ProgressStore

    with (
        SimulatedNetwork(world.app, hosts(), tmp / "pki") as network,
        launch(browser, tmp / browser, network, extra_env=env) as session,
    ):
        walker = Walker(session, world, shots=out_dir, on_step=show)
        try:
            if scenario == "shared-account":
                return _shared_account(walker, world, court)
            if scenario == "sign-in":
                return _sign_in(walker, world, court, session.data_dir)
            walker.link(court, demo_filer(world, court), fill=True, stale_menus=scenario == "stale-menus")
        except (WebDriverException, AssertionError) as exc:  # includes the wait's TimeoutException
            detail = (getattr(exc, "msg", None) or str(exc)).strip().splitlines()[:1]
            print(
                f"demo stopped after step {len(walker.steps)}: the next page's hint did not appear "
                f"({type(exc).__name__}{': ' + detail[0] if detail else ''})",
                file=sys.stderr,
            )
            return 1
        record = ProgressStore(session.data_dir / "progress.sqlite3").get(court)
    if record is None or record.state != "linked":
        print(f"demo failed: {court} is not recorded as linked", file=sys.stderr)
        return 1
    print(f"demo finished: the filing menus appeared and {court} is recorded as linked ({record.linked_at}).")
    return 0


def _shared_account(walker, world, court: str) -> int:
    """Jane logs in with the firm's shared PACER account: the verify page must warn and hold Submit."""
    from ecflink.practice.walkthrough import demo_filer

    filer = demo_filer(world, court, pacer_username="smithlaw1")
    walker.reach_link_form(court, filer.pacer_username, filer.pacer_password)
    walker.submit_link_form(filer.ecf_login, filer.ecf_password)
    held = walker.submit_held()
    linked = world.ecf[(court, filer.ecf_login)].linked_to
    if not held or linked:
        print(
            f"demo failed: Submit was {'held' if held else 'not held'}; the account is "
            f"{'linked to ' + linked if linked else 'not linked'}",
            file=sys.stderr,
        )
        return 1
    print("demo finished: ecflink warned of the shared firm account and held Submit; nothing was linked.")
    return 0


def _sign_in(walker, world, court: str, data_dir: Path) -> int:
    """Two days' sign-ins of a linked filer: PACER's MFA notice skipped on the first, counted and said
    on the second, when she enrols and types her first code; the filing menus each day."""
    from selenium.webdriver.support.ui import WebDriverWait

    from ecflink.practice.sim import totp
    from ecflink.progress import ProgressStore

    account = world.pacer["jdoe2024"]
    menus = "#topmenu a[href*='DisplayMenu.pl?CivilEvents']"
    for day in ("first", "second"):
        print(f"-- the {day} day")
        walker.open_court(court)
        walker.log_in(account.username, account.password)
        walker.acknowledge_redaction()
        walker.expect(f"PACER asks her to set up MFA ({day} day)", "pacer_prompt")
        if day == "first":
            walker.click("#frmUserUpdate\\:bpmSkip")
            walker.expect("Signed in: the filing menus", "ecf_linked")
            walker.click("#topmenu a[href*='login.pl?logout']")
            continue
        note = WebDriverWait(walker.driver, 15).until(lambda _: walker.overlay_note())
        print(f"  note: {note}")
        walker.click("#frmUserUpdate\\:bpmEnroll")  # she adds the app PACER shows her, then types its code
        walker.expect("One-time code", "mfa")
        walker.type_into("#mfaForm\\:mfaInput", totp.code(account.totp_secret))
        walker.click("#mfaForm\\:btnOk")
        WebDriverWait(walker.driver, 15).until(lambda d: d.find_elements("css selector", menus))
    skips = ProgressStore(data_dir / "progress.sqlite3").skips(account.username)
    if skips != {"mfa_enrolment": 1} or account.mfa_skips != 2:
        print(f"demo failed: ecflink counted {skips} of the one Skip chosen", file=sys.stderr)
        return 1
    print("demo finished: both days ended at the filing menus; ecflink counted the one Skip and said so the next day.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="./run demo", description="walk the simulated court in a headless browser with the extension"
    )
    parser.add_argument("--browser", choices=("chromium", "firefox"), default="chromium")
    parser.add_argument(
        "--scenario",
        choices=SCENARIOS,
        default="individual",
        help="individual: the whole link with your own PACER account (default); "
        "shared-account: logged in with a firm's shared account, ecflink holds Submit; "
        "stale-menus: the court keeps the old menus until ecflink's fixes; "
        "mfa-enrolment: PACER asks to enrol in multifactor authentication on the way in; "
        "sign-in: a linked filer's daily sign-in, two days, with PACER's MFA notice and its Skips counted",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(os.environ.get("ECFLINK_DEMO_OUT", "demo-output")),
        help="folder for the step screenshots (default: ./demo-output)",
    )
    args = parser.parse_args(argv)
    return run_demo(browser=args.browser, out_dir=args.out, scenario=args.scenario)


if __name__ == "__main__":
    sys.exit(main())
