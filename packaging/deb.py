"""The Debian package: the helper app with its own Python environment under /usr/lib/ecflink,
registered system-wide for every supported browser's system location.

The package carries ecflink's wheel and its dependencies' wheels (`/usr/lib/ecflink/wheels`); its
postinst makes the environment from them with the system's Python (`python3 -m venv`, no network),
then runs `ecflink install --system --every-browser`. Everything is root's and not writable by
others. prerm runs `ecflink uninstall --system`; postrm removes the environment. Chrome-family
browsers are registered once the extension has a store ID, or after the firm's own
`ecflink install --system --extension-id ID`. The bundled wheels are built for this machine's
Python (3.11) and architecture, which the package depends on.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PREFIX = "/usr/lib/ecflink"

CONTROL = """Package: ecflink
Version: {version}
Section: utils
Priority: optional
Architecture: {arch}
Depends: python3 (>= 3.11), python3 (<< 3.12), python3-venv
Maintainer: ecflink developers <ecflink@ecflink.org>
Homepage: https://ecflink.org
Description: helper app for the ecflink browser extension (CM/ECF NextGen linking)
 Guides US federal e-filers through linking their CM/ECF e-filing account to
 their PACER account in courts on CM/ECF NextGen. This is the native-messaging
 host the ecflink browser extension starts: it recognises the court pages, keeps
 each court's progress and keeps CM/ECF logins in the system keyring.
"""

POSTINST = f"""#!/bin/sh
set -e
umask 022
if [ "$1" = configure ]; then
    rm -rf {PREFIX}/venv
    python3 -m venv {PREFIX}/venv
    {PREFIX}/venv/bin/python -m pip install -q --no-index --no-compile --find-links {PREFIX}/wheels ecflink
    {PREFIX}/venv/bin/python -m compileall -q {PREFIX}/venv >/dev/null || true
    {PREFIX}/venv/bin/ecflink install --system --system-dir {PREFIX} --every-browser
fi
"""

PRERM = f"""#!/bin/sh
set -e
if [ -x {PREFIX}/venv/bin/ecflink ]; then
    {PREFIX}/venv/bin/ecflink uninstall --system --system-dir {PREFIX} || true
fi
"""

POSTRM = f"""#!/bin/sh
set -e
if [ "$1" = remove ] || [ "$1" = purge ]; then
    rm -rf {PREFIX}/venv
fi
"""

COPYRIGHT = """Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: ecflink

Files: *
Copyright: ecflink developers
License: MIT
 See /usr/lib/ecflink/wheels/ for the bundled Python packages, each with its own license.
"""


class DebError(Exception):
    pass


def _run(command: list[str], what: str, timeout: int = 900) -> None:
    proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise DebError(f"{what} failed: {(proc.stderr or proc.stdout).strip()[-800:]}")


def build(out: Path, wheel: Path, version: str) -> Path:
    """`ecflink_<version>_<arch>.deb` in `out`, holding `wheel` and its dependencies' wheels."""
    if not shutil.which("dpkg-deb"):
        raise DebError("dpkg-deb not found (it comes with dpkg, on Debian and Ubuntu)")
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True).stdout.strip()
    stage = out / "deb-stage"
    shutil.rmtree(stage, ignore_errors=True)
    wheels = stage / PREFIX.lstrip("/") / "wheels"
    wheels.mkdir(parents=True)
    shutil.copy2(wheel, wheels)
    # For the system's Python, which the package's environment is made with (Debian 12: 3.11.2; the
    # newest releases of some dependencies need a later 3.11).
    target = subprocess.run(
        ["/usr/bin/python3", "-c", "import platform; print(platform.python_version())"], capture_output=True, text=True
    ).stdout.strip()
    _run(
        [sys.executable, "-m", "pip", "download", "-q", "--only-binary", ":all:", "--python-version", target]
        + ["-d", str(wheels), str(wheel)],
        "downloading the dependencies' wheels",
    )
    doc = stage / "usr" / "share" / "doc" / "ecflink"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(COPYRIGHT)
    bin_dir = stage / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "ecflink").symlink_to(f"{PREFIX}/venv/bin/ecflink")
    debian = stage / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(CONTROL.format(version=version, arch=arch))
    for name, text in (("postinst", POSTINST), ("prerm", PRERM), ("postrm", POSTRM)):
        (debian / name).write_text(text)
        (debian / name).chmod(0o755)
    for path in stage.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() or path.parent == debian and path.name != "control" else 0o644)
    target = out / f"ecflink_{version}_{arch}.deb"
    _run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(stage), str(target)], "dpkg-deb")
    shutil.rmtree(stage)
    return target
