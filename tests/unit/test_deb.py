"""The Debian package, installed for real with dpkg in a private mount namespace whose /usr, /etc,
/opt and /var are overlays of the machine's own (so nothing reaches the machine): the host answers a
ping as Firefox would start it, the doctor passes, and after a purge nothing is left."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.package
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import deb  # noqa: E402
import package  # noqa: E402

from ecflink import __version__  # noqa: E402

OVERLAID = ("usr", "etc", "opt", "var")
FIREFOX_MANIFEST = "/usr/lib/mozilla/native-messaging-hosts/org.ecflink.host.json"
PING = r"""
import json, struct, subprocess, sys
manifest = json.load(open(sys.argv[1]))
frame = json.dumps({"type": "ping", "id": 1}).encode()
proc = subprocess.run([manifest["path"], sys.argv[1], "ecflink@ecflink.org"], input=struct.pack("=I", len(frame)) + frame,
                      capture_output=True, timeout=60, cwd="/")
size = struct.unpack("=I", proc.stdout[:4])[0]
print(json.dumps({"manifest": manifest, "reply": json.loads(proc.stdout[4:4 + size]), "code": proc.returncode}))
"""


def require(condition: bool, why: str) -> None:
    if not condition:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the .deb must be tested in CI: {why}")
        pytest.skip(why)


def test_the_deb_installs_answers_passes_the_doctor_and_purges_cleanly(tmp_path):
    require(os.geteuid() == 0, "installing a .deb needs root")
    require(all(shutil.which(t) for t in ("dpkg", "dpkg-deb", "unshare")), "dpkg, dpkg-deb and unshare are needed")
    built = deb.build(tmp_path, package.wheel(tmp_path), __version__)
    upper, work, out = tmp_path / "upper", tmp_path / "work", tmp_path / "out"
    out.mkdir()
    (tmp_path / "ping.py").write_text(PING)
    mounts = "\n".join(
        f"mkdir -p {upper}/{d} {work}/{d}; mount -t overlay overlay -o lowerdir=/{d},upperdir={upper}/{d},"
        f"workdir={work}/{d} /{d}"
        for d in OVERLAID
    )
    script = f"""set -e
{mounts}
dpkg -i {built} > {out}/install.log 2>&1
stat -L -c '%U %a %n' /usr/lib/ecflink/venv/bin/python /usr/lib/ecflink/venv/lib/python3.11/site-packages/ecflink \
    /usr/lib/ecflink/host/ecflink-host {FIREFOX_MANIFEST} > {out}/owners
/usr/bin/python3 {tmp_path}/ping.py {FIREFOX_MANIFEST} > {out}/ping.json
ecflink doctor --browser firefox --json > {out}/doctor.json || true
dpkg --purge ecflink > {out}/purge.log 2>&1
"""
    done = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
        capture_output=True,
        text=True,
        timeout=900,
        env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": str(tmp_path)},
    )
    logs = "".join(p.read_text() for p in sorted(out.glob("*.log")))
    assert done.returncode == 0, done.stderr[-2000:] + logs[-3000:]
    ping = json.loads((out / "ping.json").read_text())
    assert ping["reply"]["type"] == "pong" and ping["reply"]["host_version"] == __version__
    assert ping["manifest"]["path"] == "/usr/lib/ecflink/host/ecflink-host"
    assert ping["manifest"]["allowed_extensions"] == ["ecflink@ecflink.org"]
    for line in (out / "owners").read_text().splitlines():  # root's, and no one else may write
        owner, mode, _ = line.split(" ", 2)
        assert owner == "root" and int(mode, 8) & 0o022 == 0, line
    doctor = json.loads((out / "doctor.json").read_text())
    firefox = [f for f in doctor["findings"] if f["subject"] == "firefox"]
    assert {f["check"]: f["status"] for f in firefox} == {
        "manifest": "ok",
        "launcher": "ok",
        "trust": "ok",
        "ping": "ok",
    }
    assert "ecflink@ecflink.org" in next(f["detail"] for f in firefox if f["check"] == "manifest")
    left = [
        path
        for d in OVERLAID[:-1]  # /var keeps dpkg's own records of the package having been purged
        for path in (upper / d).rglob("*")
        if not path.is_dir() or not (Path("/") / path.relative_to(upper)).is_dir()
    ]
    assert left == [], left
