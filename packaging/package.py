"""Release packages, into dist/: the Python wheel, the Chrome-family zip (the development `key`
left out, as the Chrome Web Store requires), the Firefox package (`web-ext build`), after
`web-ext lint` found nothing but the one warning a dual Chrome/Firefox manifest always gives, and
the Debian package of the helper app (deb.py).

    python packaging/package.py [--out dist]      (or ./run package)
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import deb

ROOT = Path(__file__).resolve().parents[1]
EXTENSION = ROOT / "extension"
# Firefox ignores background.service_worker; Chromium needs it. One manifest for both keeps it.
ACCEPTED_LINT_WARNINGS = {"BACKGROUND_SERVICE_WORKER_IGNORED"}
NOT_PACKAGED = ["README.md"]  # extension/README.md is for developers


class PackagingError(RuntimeError):
    """A package could not be made, or the extension failed its lint."""


def _web_ext() -> list[str]:
    local = ROOT / "node_modules" / ".bin" / "web-ext"
    if not local.exists():
        raise PackagingError("web-ext is not installed: run `npm ci` here (./run setup does)")
    return [str(local)]


def lint() -> dict:
    """`web-ext lint`'s report; raises unless it has no error and no warning but the accepted one."""
    proc = subprocess.run(
        [*_web_ext(), "lint", "--source-dir", str(EXTENSION), "--output", "json", "--ignore-files", *NOT_PACKAGED],
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        report = json.loads(proc.stdout)
    except ValueError:
        raise PackagingError(f"web-ext lint gave no report: {proc.stderr.strip()[-500:]}") from None
    unexpected = [
        m
        for m in report["errors"] + report["warnings"]
        if m in report["errors"] or m["code"] not in ACCEPTED_LINT_WARNINGS
    ]
    if unexpected:
        raise PackagingError("web-ext lint: " + "; ".join(f"{m['code']}: {m['message']}" for m in unexpected))
    return report


def version() -> str:
    return json.loads((EXTENSION / "manifest.json").read_text("utf-8"))["version"]


def chrome_zip(out: Path) -> Path:
    """The extension for the Chrome Web Store (or a firm's own packing): every file of the
    extension but its README, with the release manifest (no development `key`)."""
    manifest = release_manifest()
    target = out / f"ecflink-chrome-{manifest['version']}.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in EXTENSION.rglob("*") if p.is_file()):
            name = path.relative_to(EXTENSION).as_posix()
            if name in NOT_PACKAGED:
                continue
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))  # same bytes on every build
            info.compress_type = zipfile.ZIP_DEFLATED
            data = (
                (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()
                if name == "manifest.json"
                else path.read_bytes()
            )
            archive.writestr(info, data)
    return target


def release_manifest(update_url: str | None = None) -> dict:
    """The extension's manifest as released: no development `key`; for a self-distributed Firefox
    build, the `update_url` Firefox polls for new versions (a store-listed build must have none)."""
    manifest = json.loads((EXTENSION / "manifest.json").read_text("utf-8"))
    manifest.pop("key")
    if update_url:
        if not update_url.startswith("https://"):
            raise PackagingError("the Firefox update_url must be an https address")
        manifest["browser_specific_settings"]["gecko"]["update_url"] = update_url
    return manifest


def release_tree(out: Path, update_url: str | None = None) -> Path:
    """A copy of the extension as released (release_manifest), to build and sign from."""
    tree = out / "firefox-release"
    shutil.rmtree(tree, ignore_errors=True)
    shutil.copytree(EXTENSION, tree, ignore=shutil.ignore_patterns(*NOT_PACKAGED))
    (tree / "manifest.json").write_text(json.dumps(release_manifest(update_url), indent=2, ensure_ascii=False) + "\n")
    return tree


def firefox_package(out: Path, update_url: str | None = None) -> Path:
    """The Firefox package, by `web-ext build` from the release tree (Mozilla signs it: sign())."""
    name = f"ecflink-firefox-{version()}.zip"
    proc = subprocess.run(
        [
            *_web_ext(),
            "build",
            "--source-dir",
            str(release_tree(out, update_url)),
            "--artifacts-dir",
            str(out),
            "--filename",
            name,
            "--overwrite-dest",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0:
        raise PackagingError(f"web-ext build failed: {proc.stderr.strip()[-500:]}")
    return out / name


# addons.mozilla.org API credentials (Developer Hub, "Manage API Keys"), read by web-ext itself.
AMO_CREDENTIALS = ("WEB_EXT_API_KEY", "WEB_EXT_API_SECRET")


def sign_command(out: Path) -> list[str]:
    """`web-ext sign` for an unlisted (self-distributed) build of the release tree in `out`."""
    return [
        *_web_ext(),
        "sign",
        "--channel",
        "unlisted",
        "--source-dir",
        str(out / "firefox-release"),
        "--artifacts-dir",
        str(out),
        "--approval-timeout",
        "900000",
    ]


def sign(out: Path, env: dict[str, str]) -> Path:
    """Have Mozilla sign the Firefox release tree in `out` as an unlisted add-on; the signed .xpi.
    Without the API credentials in `env`, PackagingError before anything is sent."""
    missing = [name for name in AMO_CREDENTIALS if not env.get(name)]
    if missing:
        raise PackagingError(
            f"signing needs addons.mozilla.org API credentials: set {' and '.join(missing)} "
            "(Developer Hub, Manage API Keys); the unsigned packages are in " + str(out)
        )
    before = set(out.glob("*.xpi"))
    proc = subprocess.run(sign_command(out), capture_output=True, text=True, timeout=1200, env=env)
    signed = set(out.glob("*.xpi")) - before
    if proc.returncode != 0 or not signed:
        raise PackagingError(f"web-ext sign failed: {(proc.stderr or proc.stdout).strip()[-500:]}")
    return signed.pop()


def wheel(out: Path) -> Path:
    """The Python package (host, installer, doctor), installable with pip or pipx. Built one at a
    time: setuptools builds in the source tree (build/, ecflink.egg-info/), which two builds at
    once (the tests' workers, or a second `./run package`) would share."""
    before = set(out.glob("ecflink-*.whl"))
    (ROOT / "build").mkdir(exist_ok=True)
    with open(ROOT / "build" / ".wheel-lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released as the file closes
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
            capture_output=True,
            text=True,
            timeout=600,
        )
    if proc.returncode != 0:
        raise PackagingError(f"building the wheel failed: {proc.stderr.strip()[-500:]}")
    made = set(out.glob("ecflink-*.whl")) - before or set(out.glob("ecflink-*.whl"))
    return max(made, key=lambda p: p.stat().st_mtime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument(
        "--firefox-update-url", help="https address of the updates manifest, for a self-distributed build"
    )
    parser.add_argument("--sign", action="store_true", help="have Mozilla sign the Firefox build as an unlisted add-on")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        lint()
        built = [wheel(args.out), chrome_zip(args.out), firefox_package(args.out, args.firefox_update_url)]
        if shutil.which("dpkg-deb"):
            built.append(deb.build(args.out, built[0], version()))
        else:
            print("package: no dpkg-deb on this computer: the .deb is not built", file=sys.stderr)
        if args.sign:
            built.append(sign(args.out, dict(os.environ)))
    except (PackagingError, deb.DebError) as exc:
        print(f"package: {exc}", file=sys.stderr)
        return 1
    print("web-ext lint: no errors; warnings: " + ", ".join(sorted(ACCEPTED_LINT_WARNINGS)) + " (expected)")
    for path in built:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
