"""The `ecflink` command."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _layout():
    from ecflink.installer.install import Layout
    from ecflink.paths import data_dir

    return Layout(home=Path.home(), data_dir=data_dir())


def cmd_install(args: argparse.Namespace) -> int:
    from ecflink.installer.install import install
    from ecflink.installer.locations import UnsupportedTarget

    layout = _layout()
    for browser in args.browser:
        try:
            path = install(browser, layout, user_data_dir=args.user_data_dir)
        except UnsupportedTarget as exc:
            print(f"ecflink install: {exc}", file=sys.stderr)
            return 2
        print(f"{browser}: host manifest {path}")
    print(f"launcher: {layout.launcher_path}")
    return 0


def cmd_uninstall(args: argparse.Namespace) -> int:
    from ecflink.installer.install import uninstall

    problems = uninstall(_layout(), args.browser)
    for problem in problems:
        print(f"ecflink uninstall: {problem}", file=sys.stderr)
    print("removed what ecflink install wrote" + (" (see above)" if problems else ""))
    return 1 if problems else 0


def cmd_demo(args: argparse.Namespace) -> int:
    from ecflink.demo import run_demo

    return run_demo(browser=args.browser, out_dir=args.out)


def build_parser() -> argparse.ArgumentParser:
    from ecflink import __version__
    from ecflink.installer.locations import BROWSERS

    parser = argparse.ArgumentParser(prog="ecflink", description="Link CM/ECF accounts to PACER in NextGen courts.")
    parser.add_argument("--version", action="version", version=f"ecflink {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("install", help="register the native-messaging host with a browser")
    p.add_argument("--browser", action="append", required=True, choices=BROWSERS, help="may be repeated")
    p.add_argument("--user-data-dir", type=Path, help="a Chromium-family profile folder given to the browser")
    p.set_defaults(func=cmd_install)

    p = sub.add_parser("uninstall", help="remove exactly what install wrote")
    p.add_argument("--browser", action="append", choices=BROWSERS, help="only these browsers (default: all)")
    p.set_defaults(func=cmd_uninstall)

    p = sub.add_parser("demo", help="walk the simulated court in a headless browser with the extension")
    p.add_argument("--browser", choices=("chromium", "firefox"), default="chromium")
    p.add_argument("--out", type=Path, default=Path(os.environ.get("ECFLINK_DEMO_OUT", "demo-output")),
                   help="folder for the step screenshots (default: ./demo-output)")
    p.set_defaults(func=cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
