"""`ecflink doctor`: can each browser find, start and talk to the ecflink host? Is there a keyring
and a writable data folder? Each failure comes with the fix.

Per browser it follows the browser's own lookup (per-user before system-wide; on Windows HKCU
before HKLM, 32-bit view before 64-bit; a firm policy that turns per-user hosts off is honoured) to
the manifest the browser would use, then checks that it parses, names ecflink's host and pinned
extension, and points at a launcher that exists, is executable and answers a ping the way the
browser would start it. The doctor changes nothing: the pinged host logs to a scratch folder.
"""

from __future__ import annotations

import json
import io
import os
import re
import shlex
import subprocess
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path, PurePath

from ecflink import framing
from ecflink.identity import HOST_NAME, Accepted
from ecflink.installer.install import Layout, accepted_at, installed
from ecflink.installer.locations import BROWSERS, LEVELS, Browser, Place, installed_browsers, lookup_order
from ecflink.installer.machine import Machine, os_name
from ecflink.installer.sandboxes import find_sandboxed
from ecflink.installer.trust import admin_only_problems, interpreter_problems

_ORIGIN = re.compile(r"chrome-extension://([a-p]{32})/")

PING_TIMEOUT_S = 15.0


@dataclass(frozen=True)
class Finding:
    """One check's outcome: `status` is ok, fail, skip (could not be checked here) or note (what
    the user should know; not a failure)."""

    subject: str
    check: str
    status: str
    detail: str
    fix: str = ""


def _ok(subject: str, check: str, detail: str) -> Finding:
    return Finding(subject, check, "ok", detail)


def _fail(subject: str, check: str, detail: str, fix: str) -> Finding:
    return Finding(subject, check, "fail", detail, fix)


def _reinstall(name: str) -> str:
    return f"reinstall: ecflink install --browser {name}"


# -- firm policy (Chromium family on Linux: managed policy JSON files) ------------------------------


def _policy(machine: Machine, found: Browser) -> dict:
    """The browser's managed policies that bear on native messaging, merged from its policy folder."""
    folder = (found.policy_dir or {}).get(machine.os)
    merged: dict = {}
    real = machine.real(machine.path(folder)) if folder else None
    if real is None or not real.is_dir():
        return merged
    for path in sorted(real.glob("*.json")):
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue  # the browser ignores an unreadable policy file too
        if isinstance(data, dict):
            merged.update({k: v for k, v in data.items() if k.startswith("NativeMessaging")})
    return merged


def _policy_findings(name: str, policy: dict) -> list[Finding]:
    blocked = policy.get("NativeMessagingBlocklist") or []
    allowed = policy.get("NativeMessagingAllowlist") or []
    if ("*" in blocked or HOST_NAME in blocked) and HOST_NAME not in allowed:
        return [
            _fail(
                name,
                "policy",
                "a browser policy blocks native messaging hosts, ecflink's among them",
                f"ask your IT to add {HOST_NAME} to NativeMessagingAllowlist",
            )
        ]
    if policy.get("NativeMessagingUserLevelHosts") is False:
        return [_ok(name, "policy", "browser policy allows system-wide hosts only; per-user manifests are ignored")]
    return []


# -- finding and reading the manifest ---------------------------------------------------------------


def _manifest_at(machine: Machine, place: Place) -> PurePath | None:
    """The manifest file a place names, if the browser would find one there."""
    if place.key is not None:
        value = machine.registry.get(place.key) if machine.registry else None
        return machine.path(value) if value else None
    return place.path if machine.real(place.path).is_file() else None


def _read_manifest(machine: Machine, name: str, family: str, file: PurePath) -> tuple[dict | None, list[Finding]]:
    try:
        manifest = json.loads(machine.real(file).read_text("utf-8"))
        if not isinstance(manifest, dict):
            raise ValueError("not a JSON object")
    except FileNotFoundError:
        return None, [_fail(name, "manifest", f"the registry names {file}, which does not exist", _reinstall(name))]
    except (OSError, ValueError) as exc:
        return None, [_fail(name, "manifest", f"{file} is not valid JSON ({exc})", _reinstall(name))]
    problems = []
    if manifest.get("name") != HOST_NAME or manifest.get("type") != "stdio":
        problems.append(f"its name/type are {manifest.get('name')!r}/{manifest.get('type')!r}")
    accepts = accepted_in(family, manifest)
    if family == "chromium" and not accepts:
        problems.append("its allowed_origins name no extension")
    if family == "firefox":
        if "allowed_origins" in manifest:
            problems.append("it has allowed_origins, which makes Firefox reject it")
        if not accepts:
            problems.append("its allowed_extensions name no add-on")
    launcher = manifest.get("path")
    if not isinstance(launcher, str) or not machine.path(launcher).is_absolute():
        problems.append("its path is not an absolute path")
    if problems:
        return None, [_fail(name, "manifest", f"{file}: " + "; ".join(problems), _reinstall(name))]
    return manifest, [_ok(name, "manifest", f"{file} names ecflink's host; it accepts {', '.join(accepts)}")]


def _agreement(machine: Machine, name: str, family: str, manifest: dict, level: str, file: PurePath) -> list[Finding]:
    """A failure when the manifest names an extension the launcher installed at that level does not
    accept (install record); nothing when they agree or no record says."""
    accepts = accept_record(machine, level).of(family)
    stray = [i for i in accepted_in(family, manifest) if accepts and i not in accepts]
    if not stray:
        return []
    return [
        _fail(
            name,
            "manifest",
            f"{file} names {', '.join(stray)}, which the helper app installed here does not accept "
            f"(it accepts {', '.join(accepts)})",
            _reinstall(name) + " (with --extension-id ID for your own build)",
        )
    ]


def accept_record(machine: Machine, level: str) -> Accepted:
    return accepted_at(Layout(machine, level))


def accepted_in(family: str, manifest: dict) -> list[str]:
    """The extension IDs a host manifest lets the browser launch the host for."""
    if family == "chromium":
        origins = manifest.get("allowed_origins") or []
        found = [_ORIGIN.fullmatch(o) if isinstance(o, str) else None for o in origins]
        return [m.group(1) for m in found if m]
    return [i for i in manifest.get("allowed_extensions") or [] if isinstance(i, str) and i]


# -- the launcher -----------------------------------------------------------------------------------


def launcher_python(launcher: Path) -> str | None:
    """The Python a POSIX launcher written by `ecflink install` runs (its `exec` line), or None."""
    try:
        lines = launcher.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for line in lines:
        if line.startswith("exec "):
            try:
                return shlex.split(line)[1]
            except (ValueError, IndexError):
                return None
    return None


def _caller_args(family: str, manifest_file: PurePath, manifest: dict) -> list[str]:
    """The arguments the browser passes for the manifest's first extension: Chromium its caller
    origin, Firefox the manifest and add-on (so the ping also checks the launcher accepts it)."""
    first = accepted_in(family, manifest)[0]
    if family == "chromium":
        return [f"chrome-extension://{first}/"]
    return [str(manifest_file), first]


def ping(launcher: Path, args: list[str], env: dict[str, str], timeout: float | None = None) -> str:
    """Start the launcher as the browser would and ping it; returns how it went, or raises
    RuntimeError with what went wrong."""
    timeout = PING_TIMEOUT_S if timeout is None else timeout
    started = time.monotonic()
    try:
        proc = subprocess.run(
            [str(launcher), *args],
            input=framing.encode_frame({"type": "ping", "id": 1}),
            capture_output=True,
            env=env,
            timeout=timeout,
            cwd=launcher.parent,
        )
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"no answer within {timeout:g} s") from None
    except OSError as exc:
        raise RuntimeError(f"could not start it: {exc.strerror}") from None
    elapsed = (time.monotonic() - started) * 1000
    stream = io.BytesIO(proc.stdout)
    try:
        reply = framing.read_frame(stream)
        message = framing.decode_payload(reply) if reply else None
    except (framing.FrameError, framing.PayloadError):
        message = None
    if not message or message.get("type") != "pong":
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["(nothing on stderr)"]
        raise RuntimeError(f"exit code {proc.returncode}, no pong; it said: {tail[0][:300]}")
    return f"answered a ping in {elapsed:.0f} ms (host {message.get('host_version')})"


def _launcher_findings(
    machine: Machine, name: str, family: str, manifest: dict, manifest_file: PurePath, system_wide: bool
) -> list[Finding]:
    launcher = machine.path(manifest["path"])
    real = machine.real(launcher)
    fix = _reinstall(name)
    if not real.is_file():
        return [_fail(name, "launcher", f"{launcher} does not exist", fix)]
    if machine.os != "win32" and not os.access(real, os.X_OK):
        return [_fail(name, "launcher", f"{launcher} is not executable", f"chmod 755 '{launcher}', or {fix}")]
    found = [_ok(name, "launcher", f"{launcher} exists and is executable")]
    if system_wide and machine.os != "win32" and real.stat().st_mode & 0o005 != 0o005:
        found.append(
            _fail(
                name, "launcher", f"{launcher} is not readable and executable by every user", f"chmod 755 '{launcher}'"
            )
        )
    if machine.root is not None or machine.os != os_name():
        return [*found, Finding(name, "ping", "skip", "not this computer: the launcher was not run")]
    if system_wide and machine.os != "win32":
        problems = admin_only_problems([real, machine.real(manifest_file)])
        python = launcher_python(real)
        problems += interpreter_problems(python) if python else [f"{launcher} does not name a Python to run"]
        if problems:
            found.append(
                _fail(
                    name,
                    "trust",
                    "users other than root could change what every user's browser runs: " + "; ".join(problems[:5]),
                    "reinstall from a Python only root can change: "
                    "sudo python3 -m venv /opt/ecflink && sudo /opt/ecflink/bin/pip install ecflink && "
                    "sudo /opt/ecflink/bin/ecflink install --system",
                )
            )
        else:
            found.append(_ok(name, "trust", "only root can change the launcher, its Python and ecflink"))
    if machine.os != "win32" and os.geteuid() == 0 and admin_only_problems([real, machine.real(manifest_file)]):
        # As root (sudo may keep a user's HOME), never run a program a user could have put in place.
        return [
            *found,
            Finding(
                name,
                "ping",
                "skip",
                f"not run as root: {launcher} or {manifest_file} can be "
                "changed by a user other than root; run the doctor as that user instead",
            ),
        ]
    args = _caller_args(family, manifest_file, manifest)
    try:
        with tempfile.TemporaryDirectory(prefix="ecflink-doctor-") as scratch:  # the host logs there, not in yours
            env = {**machine.env, "ECFLINK_DATA_DIR": scratch}
            found.append(_ok(name, "ping", ping(real, args, env)))
    except RuntimeError as exc:
        found.append(
            _fail(
                name,
                "ping",
                f"{launcher} {exc}",
                f"run it by hand to see why: '{launcher}' {' '.join(args)} </dev/null; or {fix}",
            )
        )
    return found


def check_browser(machine: Machine, name: str, user_data_dir: PurePath | None = None) -> list[Finding]:
    """Every check for one browser, following its own lookup to the manifest it would use."""
    found = BROWSERS[name]
    policy = _policy(machine, found)
    findings = _policy_findings(name, policy)
    if any(f.status == "fail" for f in findings):
        return findings
    places = lookup_order(machine, name, user_data_dir)
    if policy.get("NativeMessagingUserLevelHosts") is False:
        places = [p for p in places if p.level == "system"]
    for place in places:
        file = _manifest_at(machine, place)
        if file is None:
            continue
        manifest, more = _read_manifest(machine, name, found.family, file)
        if manifest is not None:
            more = _agreement(machine, name, found.family, manifest, place.level, file) or more
        findings += more
        if manifest is not None and not any(f.status == "fail" for f in more):
            findings += _launcher_findings(machine, name, found.family, manifest, file, place.level == "system")
        return findings
    looked = "; ".join(str(p) for p in places)
    return [
        *findings,
        _fail(
            name,
            "manifest",
            f"no ecflink host manifest where {found.title} looks ({looked})",
            f"ecflink install --browser {name}",
        ),
    ]


def sandbox_findings(machine: Machine) -> list[Finding]:
    """Each browser installed as a Snap or a Flatpak: a note when it can start the helper app (with
    the step it may need), a failure with what to do when nothing can be installed for it."""
    found = []
    for box in find_sandboxed(machine):
        detail = f"installed as a {box.kind} ({box.app}, {box.found_at})"
        found.append(Finding(box.browser, "sandbox", "note" if box.works else "fail", detail, box.advice))
    return found


def check_data_dir(machine: Machine) -> Finding:
    """ecflink's data folder, or the folder it would be made in, is writable (nothing is created)."""
    folder = machine.user_data_dir()
    existing = folder
    while not machine.real(existing).exists() and existing != existing.parent:
        existing = existing.parent
    real = machine.real(existing)
    if not (real.is_dir() and os.access(real, os.W_OK | os.X_OK)):
        return _fail(
            "data folder",
            "writable",
            f"{existing} is not a folder you can write to",
            f"make {folder} yours and writable, or set ECFLINK_DATA_DIR to a folder that is",
        )
    where = "is writable" if existing == folder else f"can be made in {existing}"
    return _ok("data folder", "writable", f"{folder} {where}")


def check_keyring() -> Finding:
    """The system keyring is one ecflink trusts and answers a read (of an entry that never exists)."""
    from ecflink.credentials import SERVICE, TIMEOUT_S, CredentialError, _with_timeout, turns_file
    from ecflink.paths import data_dir

    try:
        read = lambda kr: (kr.get_password(SERVICE, "ecflink-doctor"), kr)[1]  # noqa: E731
        backend = _with_timeout(read, TIMEOUT_S, turns_file(data_dir()))
    except CredentialError as exc:
        return _fail(
            "keyring",
            "answers",
            exc.message,
            "on Linux install and unlock GNOME Keyring or KWallet; elsewhere unlock the system keychain",
        )
    names = [type(b).__name__ for b in getattr(backend, "backends", [backend])]
    return _ok("keyring", "answers", f"{', '.join(sorted(set(names)))} answered")


def browsers_to_check(machine: Machine, requested: list[str] | None) -> list[str]:
    """The browsers asked for; else those on this machine and those ecflink registered with."""
    if requested:
        return list(dict.fromkeys(requested))
    wanted = {entry["browser"] for level in LEVELS for entry in installed(Layout(machine, level)).values()}
    wanted.update(installed_browsers(machine))
    return [b for b in BROWSERS if b in wanted]


def run(
    machine: Machine, requested: list[str] | None = None, user_data_dir: PurePath | None = None, keyring: bool = True
) -> list[Finding]:
    names = browsers_to_check(machine, requested)
    findings = [f for name in names for f in check_browser(machine, name, user_data_dir)]
    if not names:
        findings.append(
            _fail(
                "browsers",
                "found",
                "no supported browser was found on this computer",
                "install Chrome, Edge, Brave, Vivaldi, Chromium or Firefox, or name one with --browser",
            )
        )
    findings += sandbox_findings(machine)
    findings.append(check_data_dir(machine))
    if keyring:
        findings.append(check_keyring())
    return findings


def report_text(findings: list[Finding]) -> str:
    lines, subject = ["ecflink doctor"], None
    for f in findings:
        if f.subject != subject:
            subject = f.subject
            title = BROWSERS[subject].title if subject in BROWSERS else subject.capitalize()
            lines.append(f"\n{title}")
        lines.append(f"  {f.status.upper():<5} {f.check:<9} {f.detail}")
        if f.fix:
            lines.append(f"  {'':<5} {'fix:':<9} {f.fix}")
    failed = sum(f.status == "fail" for f in findings)
    lines.append("\n" + (f"{failed} problem{'s' * (failed != 1)} found." if failed else "Everything checked is fine."))
    return "\n".join(lines)


def report_json(machine: Machine, findings: list[Finding]) -> str:
    import platform
    import sys

    from ecflink import __version__

    return json.dumps(
        {
            "ecflink": __version__,
            "os": machine.os,
            "platform": platform.platform(),
            "python": sys.executable,
            "ok": not any(f.status == "fail" for f in findings),
            "findings": [asdict(f) for f in findings],
        },
        indent=2,
    )
