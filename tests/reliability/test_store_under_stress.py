"""The progress store under real host processes: eight hosts writing at once lose nothing and never
surface 'database is locked'; a hundred SIGKILLs mid-write leave a sound store holding every
event a reply acknowledged."""

import random
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from ecflink.progress import ProgressStore
from tests.hostio import frame
from tests.reliability.frames import HostProcess, facts_message

pytestmark = pytest.mark.reliability
HOSTS, EVENTS_EACH, KILLS = 8, 500, 100


def integrity(path) -> str:
    with sqlite3.connect(path) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


def test_eight_hosts_at_once_lose_nothing(tmp_path):
    data = tmp_path / "data"
    hosts = [HostProcess(data) for _ in range(HOSTS)]

    def drive(number: int) -> list[dict]:
        return [hosts[number].ask(facts_message(i, tab_id=number + 1), timeout=60) for i in range(EVENTS_EACH)]

    with ThreadPoolExecutor(HOSTS) as pool:
        replies = [r for batch in pool.map(drive, range(HOSTS)) for r in batch]
    for host in hosts:
        code, stderr = host.close()
        assert code == 0 and "Traceback" not in stderr
    assert len(replies) == HOSTS * EVENTS_EACH
    assert {(r["type"], r["kind"]) for r in replies} == {("hint", "ecf_unlinked")}  # no error, no stateless guess
    store = ProgressStore(data / "progress.sqlite3")
    assert store.events("txwd") == ["ecf_unlinked"] * (HOSTS * EVENTS_EACH)
    log = (data / "logs" / "host.log").read_text()
    assert "locked" not in log and "progress store unavailable" not in log
    assert integrity(data / "progress.sqlite3") == "ok"


def test_a_hundred_kills_mid_write_lose_no_acknowledged_event(tmp_path):
    rng = random.Random(7)
    data = tmp_path / "data"
    acknowledged = mid_burst = 0
    for kills in range(1, KILLS + 1):
        host = HostProcess(data)
        burst = rng.randint(50, 400)
        writer = threading.Thread(
            target=host.send_quietly, args=(b"".join(frame(facts_message(i)) for i in range(burst)),)
        )
        writer.start()  # in its own thread: the pipes fill both ways during a burst
        # Killed after a random share of the burst has been answered (counted, not timed: the same
        # on a slow machine): the host is then writing the next events, some already committed.
        read = [host.reply() for _ in range(rng.randint(1, burst - 1))]
        host.kill()
        writer.join()
        answered = sum(r["type"] == "hint" for r in [*read, *host.replies_until_exit()])
        acknowledged += answered
        mid_burst += 0 < answered < burst
        assert integrity(data / "progress.sqlite3") == "ok"
        # Every acknowledged event is there; at most one more per kill, committed just before it.
        held = len(ProgressStore(data / "progress.sqlite3").events("txwd"))
        assert acknowledged <= held <= acknowledged + kills
    assert mid_burst >= KILLS // 2, f"only {mid_burst} kills landed in the middle of a burst of writes"
