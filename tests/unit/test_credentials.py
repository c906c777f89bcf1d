"""CM/ECF logins in a real OS keyring (GNOME Keyring on a private bus), and every failure mode."""

import os
import subprocess
import sys
import time

import pytest

from ecflink import credentials
from ecflink.credentials import SERVICE, CredentialError, CredentialStore, unlinkable_characters
from ecflink.practice.sim.keyring import BACKEND, lock_default_collection, restart_keyring, start_bus, start_keyring

SECRET = "Ecf-S3cret-pw!"


@pytest.fixture
def store(keyring_daemon, isolated_data_dir):
    s = CredentialStore(isolated_data_dir / "credentials.json")
    yield s
    for entry in s.list():
        s.delete(entry["court"])


def test_set_get_list_delete(store, isolated_data_dir):
    store.set("txwd", "jdoe", SECRET)
    store.set("txwb", "jdoe_bk", "other")
    assert store.get("txwd").password == SECRET and store.get("txwd").login == "jdoe"
    assert [(e["court"], e["login"]) for e in store.list()] == [("txwb", "jdoe_bk"), ("txwd", "jdoe")]
    store.set("txwd", "jdoe2", "replaced")
    assert (store.get("txwd").login, store.get("txwd").password) == ("jdoe2", "replaced")
    store.delete("txwd")
    with pytest.raises(CredentialError) as missing:
        store.get("txwd")
    assert missing.value.code == "no_credentials" and "ecflink creds set txwd" in missing.value.message
    store.delete("txwd")  # deleting again is not an error
    assert [e["court"] for e in store.list()] == ["txwb"]


def test_the_secret_is_in_the_keyring_and_nowhere_else(store, isolated_data_dir, keyring_daemon):
    import keyring

    store.set("txwd", "jdoe", SECRET)
    assert SECRET in keyring.get_password(SERVICE, "txwd")
    index = isolated_data_dir / "credentials.json"
    assert SECRET not in index.read_text() and oct(index.stat().st_mode & 0o777) == "0o600"
    assert SECRET not in repr(store.get("txwd"))


def test_unknown_courts_are_refused(store):
    for court in ("zzzz", "ca5", "../x"):
        with pytest.raises(CredentialError) as refused:
            store.set(court, "jdoe", SECRET)
        assert refused.value.code == "bad_court"


def test_unlinkable_characters():
    assert unlinkable_characters("doe&co@x") == "&@"
    assert unlinkable_characters("jdoe") == ""


def run_cli(*args, env, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "ecflink.cli", "creds", *args],
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_cli(keyring_daemon, isolated_data_dir):
    env = {**os.environ}
    saved = run_cli("set", "txwd", "--login", "doe&co", "--password-stdin", env=env, stdin=SECRET + "\n")
    assert saved.returncode == 0, saved.stderr
    assert "cannot be linked" in saved.stderr and "&" in saved.stderr
    listed = run_cli("list", env=env)
    assert listed.returncode == 0 and "txwd" in listed.stdout and "doe&co" in listed.stdout
    for out in (saved, listed):
        assert SECRET not in out.stdout + out.stderr
    assert run_cli("delete", "txwd", env=env).returncode == 0
    assert "No CM/ECF login" in run_cli("list", env=env).stdout
    no_password = run_cli("set", "txwd", "--login", "jdoe", env=env)
    assert no_password.returncode == 2 and "--password-stdin" in no_password.stderr


def test_processes_take_turns_at_the_keyring(keyring_daemon, isolated_data_dir, tmp_path):
    """Each browser's helper app and the command line call the keyring one at a time (GNOME Keyring
    42 aborts under concurrent clients: docs/decisions.md), turns held in the session's runtime
    folder, whatever their data folders: a call waits while another process holds the turn."""
    import fcntl

    turns = credentials.turns_file(isolated_data_dir)
    assert turns.parent == keyring_daemon.runtime_dir
    held = os.open(turns, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(held, fcntl.LOCK_EX)
    try:
        cli = subprocess.Popen(
            [sys.executable, "-m", "ecflink.cli", "creds", "set", "txwd", "--login", "jdoe", "--password-stdin"],
            env={**os.environ, "ECFLINK_DATA_DIR": str(tmp_path / "another-data-folder")},
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert cli.stdin
        cli.stdin.write(SECRET)
        cli.stdin.close()
        inode = str(os.fstat(held).st_ino)

        def waiting() -> bool:  # the kernel's list of locks: our turn held, the command line's waited for
            with open("/proc/locks") as locks:
                return any("->" in line and f" {cli.pid} " in line and f":{inode} " in line for line in locks)

        deadline = time.monotonic() + 30
        while not waiting():
            assert cli.poll() is None and time.monotonic() < deadline, "the command line never waited for its turn"
            time.sleep(0.05)
    finally:
        os.close(held)
    assert cli.wait(30) == 0
    stored = CredentialStore(tmp_path / "another-data-folder" / "credentials.json")
    assert stored.get("txwd").password == SECRET
    stored.delete("txwd")


def test_turns_are_taken_where_no_one_else_can_write(tmp_path, monkeypatch):
    """A runtime folder others may write to (or none) leaves the turn to the private data folder."""
    shared, private = tmp_path / "shared", tmp_path / "private"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    private.mkdir(mode=0o700)
    data = tmp_path / "data"
    for runtime, expected in ((private, private), (shared, data), (tmp_path / "missing", data)):
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
        assert credentials.turns_file(data) == expected / "ecflink-keyring.lock"
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    assert credentials.turns_file(data) == data / "ecflink-keyring.lock"


def test_locked_keyring(tmp_path, isolated_data_dir):
    daemon = start_keyring(tmp_path / "locked")
    try:
        lock_default_collection(daemon.bus_address)
        env = {**os.environ, **daemon.env}
        out = run_cli("set", "txwd", "--login", "jdoe", "--password-stdin", env=env, stdin=SECRET)
        assert out.returncode == 1
        assert "locked" in out.stderr and "Unlock it" in out.stderr and SECRET not in out.stderr
        assert "txwd" not in run_cli("list", env=env).stdout  # nothing half-saved
    finally:
        daemon.stop()


@pytest.mark.parametrize(
    "backend_env",
    [
        {"PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"},  # a keyring that keeps nothing
        {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"},  # what keyring picks with none available
        {"PYTHON_KEYRING_BACKEND": BACKEND, "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bus"},
    ],
)
def test_no_usable_keyring(backend_env, isolated_data_dir):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHON_KEYRING_BACKEND", "DBUS_SESSION_BUS_ADDRESS")}
    out = run_cli("set", "txwd", "--login", "jdoe", "--password-stdin", env={**env, **backend_env}, stdin=SECRET)
    assert out.returncode == 1
    assert "keyring" in out.stderr.lower() and "Traceback" not in out.stderr and SECRET not in out.stderr


def test_a_keyring_that_never_answers_times_out(tmp_path, isolated_data_dir, monkeypatch):
    """A Secret Service that takes the name and never replies, as one waiting on an unlock prompt does."""
    bus, address, env = start_bus(tmp_path / "silent")
    silent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import time\n"
                "from jeepney.bus_messages import message_bus\n"
                "from jeepney.io.blocking import open_dbus_connection\n"
                f"conn = open_dbus_connection({address!r})\n"
                "conn.send_and_get_reply(message_bus.RequestName('org.freedesktop.secrets'))\n"
                "print('ready', flush=True)\n"
                "time.sleep(120)\n"
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert silent.stdout.readline().strip() == "ready"
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        monkeypatch.setenv("PYTHON_KEYRING_BACKEND", BACKEND)
        import keyring
        from keyring.backends import SecretService

        keyring.set_keyring(SecretService.Keyring())
        store = CredentialStore(isolated_data_dir / "credentials.json", timeout=1.0)
        started = time.monotonic()
        with pytest.raises(CredentialError) as timed_out:
            store.get("txwd")
        assert timed_out.value.code == "keyring_timeout" and "unlock" in timed_out.value.message
        assert time.monotonic() - started < 5
        # While that call still waits, the next is refused at once instead of starting another thread.
        started = time.monotonic()
        with pytest.raises(CredentialError) as refused:
            store.set("txwd", "jdoe", SECRET)
        assert refused.value.code == "keyring_timeout" and "earlier request" in refused.value.message
        assert time.monotonic() - started < 0.5 and not store.list()
    finally:
        silent.kill()
        bus.kill()
    # The abandoned call ends with its bus; the keyring is usable again.
    deadline = time.monotonic() + 20
    while not credentials._keyring_busy.acquire(timeout=0.2):
        assert time.monotonic() < deadline, "the abandoned keyring call never ended"
    credentials._keyring_busy.release()


def test_a_late_answer_still_keeps_the_index_in_step(store, monkeypatch):
    """A keyring call that answers after its caller gave up records what it did in the index."""
    import threading

    gate = threading.Event()
    real = credentials._keyring

    def slow():
        gate.wait(10)
        return real()

    monkeypatch.setattr(credentials, "_keyring", slow)
    store.timeout = 0.2
    with pytest.raises(CredentialError) as timed_out:
        store.set("txwd", "jdoe", SECRET)
    assert timed_out.value.code == "keyring_timeout" and store.list() == []
    gate.set()
    deadline = time.monotonic() + 10
    while not store.list():
        assert time.monotonic() < deadline, "the late set never reached the index"
        time.sleep(0.05)
    monkeypatch.setattr(credentials, "_keyring", real)
    store.timeout = 10
    assert [e["login"] for e in store.list()] == ["jdoe"] and store.get("txwd").password == SECRET


@pytest.mark.parametrize("login, password", [("j" * 129, SECRET), ("jdoe", "p" * 257), ("jdoe", "p" * 300)])
def test_what_a_fill_could_not_carry_is_not_stored(store, login, password):
    with pytest.raises(CredentialError) as refused:
        store.set("txwd", login, password)
    assert refused.value.code == "bad_credentials" and "256" in refused.value.message
    assert password not in refused.value.message and store.list() == []


def test_cli_refuses_an_overlong_password(keyring_daemon, isolated_data_dir):
    out = run_cli("set", "txwd", "--login", "jdoe", "--password-stdin", env={**os.environ}, stdin="x" * 300 + "\n")
    assert out.returncode == 1 and "256" in out.stderr and "x" * 8 not in out.stderr + out.stdout


@pytest.mark.parametrize("damage", ["{not json", '{"courts": []}', '{"courts": {"txwd": 3}}', "\udcff"])
def test_a_damaged_index_is_reported_and_repaired_from_the_keyring(store, isolated_data_dir, damage):
    store.set("txwd", "jdoe", SECRET)
    store.set("txwb", "jdoe_bk", "other")
    index = isolated_data_dir / "credentials.json"
    index.write_text(damage, "utf-8", errors="surrogateescape")
    for call in (store.list, lambda: store.has("txwd"), lambda: store.set("nysd", "x", "y")):
        with pytest.raises(CredentialError) as damaged:
            call()
        assert damaged.value.code == "index_damaged" and "ecflink creds repair" in damaged.value.message
    out = run_cli("repair", env={**os.environ})
    assert out.returncode == 0 and "txwb, txwd" in out.stdout, out.stderr
    assert [(e["court"], e["login"]) for e in store.list()] == [("txwb", "jdoe_bk"), ("txwd", "jdoe")]
    assert index.with_name("credentials.json.damaged").exists() and SECRET not in index.read_text()


def connections_since(address: str, first: str) -> int:
    """How many connections the bus at `address` has taken since the one named `first` (the bus
    names each new connection ":1.<one more than the last>")."""
    from jeepney.io.blocking import open_dbus_connection

    with open_dbus_connection(address) as probe:
        return int(probe.unique_name.split(".")[1]) - int(first.split(".")[1]) - 1


def test_a_process_asks_the_keyring_on_one_connection(store, keyring_daemon):
    """The repair asks about every court (about 190 calls): on one connection, not one each. A new
    connection's first requests can overtake GNOME Keyring's admission of its client, which then
    answers wrongly or aborts (credentials._OneConnection)."""
    from jeepney.io.blocking import open_dbus_connection

    store.set("txwd", "jdoe", SECRET)
    with open_dbus_connection(keyring_daemon.bus_address) as probe:
        first = probe.unique_name
    out = run_cli("repair", env={**os.environ})
    assert out.returncode == 0 and "txwd" in out.stdout, out.stderr
    # keyring's check that the Secret Service is on the bus takes one more, at start
    assert connections_since(keyring_daemon.bus_address, first) <= 2
    with open_dbus_connection(keyring_daemon.bus_address) as probe:
        first = probe.unique_name
    for _ in range(20):
        assert store.get("txwd").password == SECRET
    assert connections_since(keyring_daemon.bus_address, first) <= 1


def test_a_keyring_started_again_is_used_at_the_next_call(own_keyring, isolated_data_dir):
    """A process keeps its connection and session; a keyring daemon started again on the same bus
    (after a crash, say) knows no session of the old one's ("NoSession"): the next call still gets
    its answer, on a new connection."""
    store = CredentialStore(isolated_data_dir / "credentials.json")
    store.set("txwd", "jdoe", SECRET)
    assert store.get("txwd").password == SECRET
    restart_keyring(own_keyring)
    assert store.get("txwd").password == SECRET
    restart_keyring(own_keyring)
    store.set("txwd", "jdoe", "after a restart")
    assert store.get("txwd").password == "after a restart"
