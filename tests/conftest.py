"""Shared fixtures: a real host process spoken to over its stdio."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.hostio import OUR_ORIGIN, parse_frames


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch):
    """Every test gets its own ecflink data folder, and a fresh in-process host state."""
    from ecflink import dispatch

    monkeypatch.setenv("ECFLINK_DATA_DIR", str(tmp_path / "ecflink-data"))
    monkeypatch.setattr(dispatch, "_store", None)
    monkeypatch.setattr(dispatch, "_previous", type(dispatch._previous)())
    return tmp_path / "ecflink-data"


@pytest.fixture
def run_host(tmp_path):
    """Run `python -m ecflink.host ARGS` with `stdin` bytes; returns (exit code, frames, stderr, log text)."""

    def run(stdin: bytes, args=(OUR_ORIGIN,), timeout=30):
        env = {**os.environ, "ECFLINK_DATA_DIR": str(tmp_path / "data")}
        proc = subprocess.run([sys.executable, "-P", "-m", "ecflink.host", *args], input=stdin,
                              capture_output=True, env=env, timeout=timeout)
        log = tmp_path / "data" / "logs" / "host.log"
        return proc.returncode, parse_frames(proc.stdout), proc.stderr.decode(), log.read_text() if log.exists() else ""

    return run
