"""Shared fixtures: a real host process spoken to over its stdio."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.hostio import DEV_ACCEPT, OUR_ORIGIN, parse_frames


@pytest.fixture(scope="session")
def keyring_daemon(tmp_path_factory):
    """A real, unlocked GNOME Keyring on a private bus for the whole session. The tests, the CLI
    they start and the browsers (and so the host) all use it. Missing tools skip the tests that
    need it, except under CI=true, where they fail."""
    from ecflink.practice.sim.keyring import KeyringUnavailable, start_keyring

    try:
        daemon = start_keyring(tmp_path_factory.mktemp("keyring"))
    except KeyringUnavailable as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"a real keyring is required in CI: {exc}")
        pytest.skip(f"no keyring for tests here: {exc}")
    with pytest.MonkeyPatch.context() as mp:
        for name, value in daemon.env.items():
            mp.setenv(name, value)
        import keyring
        from keyring.backends import SecretService

        keyring.set_keyring(SecretService.Keyring())  # keyring caches the backend it found first
        yield daemon
    daemon.stop()


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch):
    """Every test gets its own ecflink data folder, and a fresh in-process host state."""
    from ecflink import dispatch

    monkeypatch.setenv("ECFLINK_DATA_DIR", str(tmp_path / "ecflink-data"))
    monkeypatch.setattr(dispatch, "_store", None)
    dispatch.tabs.reset()
    return tmp_path / "ecflink-data"


@pytest.fixture
def run_host(tmp_path):
    """Run `python -m ecflink.host ARGS` with `stdin` bytes; returns (exit code, frames, stderr, log text)."""

    def run(stdin: bytes, args=(OUR_ORIGIN,), timeout=30):
        env = {**os.environ, "ECFLINK_DATA_DIR": str(tmp_path / "data")}
        proc = subprocess.run(
            [sys.executable, "-I", "-m", "ecflink.host", *DEV_ACCEPT, *args],
            input=stdin,
            capture_output=True,
            env=env,
            timeout=timeout,
        )
        log = tmp_path / "data" / "logs" / "host.log"
        return proc.returncode, parse_frames(proc.stdout), proc.stderr.decode(), log.read_text() if log.exists() else ""

    return run


class _Lines(list):
    @property
    def text(self) -> str:
        return "\n".join(self)


@pytest.fixture
def host_log():
    """The host log's lines written during the test (logs.LOG), with their `.text`."""
    from ecflink.logs import LOG

    lines = _Lines()
    LOG.write_to(lines.append)
    yield lines
    LOG.write_to(None)
