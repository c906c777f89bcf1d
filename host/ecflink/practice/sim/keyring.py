"""A real, private OS keyring for the simulated world (demo and tests): its own D-Bus session bus and an
unlocked GNOME Keyring, in a folder of its own (HOME, XDG dirs), never the user's own keyring."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

LOGIN_PASSWORD = "keyring-login-password"
BACKEND = "keyring.backends.SecretService.Keyring"


class KeyringUnavailable(RuntimeError):
    pass


# A session bus that starts nothing on demand: the standard session configuration would start a new
# keyring daemon for the first call after this one stopped, with its keyring locked (no password to
# unlock it), and the tests would see "locked" instead of what happened.
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@dataclass
class KeyringDaemon:
    bus_address: str
    bus: subprocess.Popen
    daemon: subprocess.Popen | None
    folder: Path  # its own: HOME, XDG folders, the bus's configuration, the daemon's log

    @property
    def runtime_dir(self) -> Path:
        return self.folder / "runtime"

    @property
    def log(self) -> Path:
        """The daemon's own messages (its stderr)."""
        return self.folder / "gnome-keyring.log"

    @property
    def env(self) -> dict[str, str]:
        """What a process needs to use this keyring (the browser passes it on to the host): its bus,
        and the session's runtime folder, where ecflink's processes take turns at it, as in a
        desktop session."""
        return {
            "DBUS_SESSION_BUS_ADDRESS": self.bus_address,
            "PYTHON_KEYRING_BACKEND": BACKEND,
            "XDG_RUNTIME_DIR": str(self.runtime_dir),
        }

    def state(self) -> str:
        """How the daemon is (running, or how it ended) and the last of its messages: for the
        report of a test that failed on this keyring."""
        code = self.daemon.poll() if self.daemon else None
        how = "running" if code is None else f"exited with {code}" + (f" (signal {-code})" if code < 0 else "")
        said = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
        return f"gnome-keyring-daemon {how}; its messages:\n{said or '(none)'}"

    def stop(self) -> None:
        for process in (self.daemon, self.bus):
            if process and process.poll() is None:
                process.terminate()
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(5)


def _private_env(folder: Path) -> dict[str, str]:
    runtime = folder / "runtime"
    runtime.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")}
    return env | {
        "HOME": str(folder / "home"),
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_RUNTIME_DIR": str(runtime),
    }


def start_bus(folder: Path) -> tuple[subprocess.Popen, str, dict[str, str]]:
    if shutil.which("dbus-daemon") is None:
        raise KeyringUnavailable("dbus-daemon not found (apt-get install dbus-daemon)")
    env = _private_env(folder)
    config = folder / "bus.conf"
    config.write_text(BUS_CONFIG)
    bus = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    address = bus.stdout.readline().strip() if bus.stdout else ""
    if not address:
        bus.kill()
        raise KeyringUnavailable("dbus-daemon gave no address")
    return bus, address, env | {"DBUS_SESSION_BUS_ADDRESS": address}


def secrets_owner_pid(address: str) -> int | None:
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    bus = DBusAddress("/org/freedesktop/DBus", bus_name="org.freedesktop.DBus", interface="org.freedesktop.DBus")
    with open_dbus_connection(address) as conn:
        reply = conn.send_and_get_reply(new_method_call(bus, "NameHasOwner", "s", ("org.freedesktop.secrets",)))
        if not reply.body[0]:
            return None
        reply = conn.send_and_get_reply(
            new_method_call(bus, "GetConnectionUnixProcessID", "s", ("org.freedesktop.secrets",))
        )
        return reply.body[0]


def start_keyring(folder: Path) -> KeyringDaemon:
    """A bus and an unlocked GNOME Keyring on it, ready when the keyring owns the Secret Service name."""
    if shutil.which("gnome-keyring-daemon") is None:
        raise KeyringUnavailable("gnome-keyring-daemon not found (apt-get install gnome-keyring)")
    bus, address, env = start_bus(folder)
    running = KeyringDaemon(address, bus, None, folder)
    running.daemon = _start_daemon(running, env)
    return running


def restart_keyring(running: KeyringDaemon) -> None:
    """Stop the keyring daemon and start a new one on the same bus and keyring files, as a desktop
    does after a crash (here unlocked): what a process that kept a connection meets."""
    if running.daemon:
        running.daemon.terminate()
        running.daemon.wait(5)
    running.daemon = _start_daemon(
        running, _private_env(running.folder) | {"DBUS_SESSION_BUS_ADDRESS": running.bus_address}
    )


def _start_daemon(running: KeyringDaemon, env: dict[str, str]) -> subprocess.Popen:
    """gnome-keyring-daemon on `running`'s bus, unlocked, once it owns the Secret Service name."""
    with running.log.open("ab") as messages:
        daemon = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=messages,
        )
    if daemon.stdin:
        daemon.stdin.write(LOGIN_PASSWORD.encode())
        daemon.stdin.close()
    deadline = time.monotonic() + 15
    while secrets_owner_pid(running.bus_address) != daemon.pid:
        if time.monotonic() > deadline or daemon.poll() is not None:
            daemon.kill()
            running.stop()
            raise KeyringUnavailable("gnome-keyring-daemon did not take the Secret Service name")
        time.sleep(0.02)
    return daemon


def lock_default_collection(address: str) -> None:
    """Lock the keyring's default collection; with no prompt available it stays locked."""
    import secretstorage
    from jeepney.io.blocking import open_dbus_connection

    with open_dbus_connection(address) as conn:
        secretstorage.get_default_collection(conn).lock()
