import sqlite3

import pytest

from ecflink.progress import SCHEMA_VERSION, ProgressStore
from ecflink.troubleshoot import Fix


@pytest.fixture
def store(tmp_path):
    s = ProgressStore(tmp_path / "p.sqlite3")
    yield s
    s.close()


def test_progress_moves_forward_only(store):
    assert store.get("txwd") is None
    assert store.record("txwd", "unknown") is None
    assert store.record("txwd", "pacer_login").state == "in_progress"
    assert store.record("txwd", "link_done").state == "link_confirmed"
    assert store.record("txwd", "ecf_unlinked").state == "link_confirmed"
    linked = store.record("txwd", "ecf_linked")
    assert linked.state == "linked" and linked.linked_at
    assert store.record("txwd", "pacer_login").state == "linked"
    assert store.record("txwd", "ecf_linked").linked_at == linked.linked_at
    # A linked court's later filing pages say nothing new; its other pages are still steps.
    assert store.events("txwd") == ["pacer_login", "link_done", "ecf_unlinked", "ecf_linked", "pacer_login"]


def test_a_page_recorded_gives_the_progress_before_it_and_after_it(store):
    assert store.record_page("txwd", "court_home") == (None, None)
    before, after = store.record_page("txwd", "pacer_login")
    assert before is None and after.state == "in_progress"
    before, after = store.record_page("txwd", "ecf_linked")
    assert before.state == "in_progress" and after.state == "linked"
    # A step behind, or a linked court's next filing page: the progress stands, whatever was noted.
    assert store.record_page("txwd", "pacer_login") == (after, after)
    assert store.record_page("txwd", "ecf_linked") == (after, after)
    assert store.events("txwd") == ["pacer_login", "ecf_linked", "pacer_login"]


def test_an_ordinary_page_writes_nothing(tmp_path, store):
    """A court seen today and already linked: its pages change nothing on disk (every write waits
    for the disk); the visit is kept to the day."""
    store.record("txwd", "court_home")
    store.record("txwd", "ecf_linked")
    wal = tmp_path / "p.sqlite3-wal"
    size, seen = wal.stat().st_size, store.visits()["txwd"]
    for kind in ("court_home", "ecf_linked", "court_home", "ecf_linked"):
        store.record("txwd", kind)
    assert wal.stat().st_size == size and store.visits()["txwd"] == seen
    store.record("txwd", "pacer_login")  # a step is still written
    assert wal.stat().st_size > size


def test_opening_a_store_at_its_schema_writes_nothing(tmp_path):
    """Each host start opens the store: one already at this schema is only read (no write lock, no
    synchronous commit); a new one is created, and a newer one still refused (below)."""
    ProgressStore(tmp_path / "p.sqlite3").close()
    wal = tmp_path / "p.sqlite3-wal"
    reopened = ProgressStore(tmp_path / "p.sqlite3")
    try:
        assert not wal.exists() or wal.stat().st_size == 0
        assert reopened.get("txwd") is None
    finally:
        reopened.close()


def test_a_visit_on_a_later_day_is_kept(tmp_path, store):
    store.record("txwd", "court_home")
    with sqlite3.connect(tmp_path / "p.sqlite3") as other:
        other.execute("UPDATE visits SET last_at = '2020-01-02T03:04:05Z'")
    store.record("txwd", "court_home")
    assert store.visits()["txwd"] > "2020-01-03"


def test_a_court_already_linked_before_ecflink_is_recorded_linked(store):
    assert store.record("txwb", "ecf_linked").state == "linked"
    assert [p.court_id for p in store.all()] == ["txwb"]


def test_schema_is_versioned_and_wal(tmp_path, store):
    db = sqlite3.connect(tmp_path / "p.sqlite3")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    columns = {row[1] for row in db.execute("PRAGMA table_info(courts)")}
    assert "pacer_username" in columns and not any("password" in c for c in columns - {"pacer_username"})


def test_reopening_keeps_progress(tmp_path):
    ProgressStore(tmp_path / "p.sqlite3").record("ilnd", "link_form")
    assert ProgressStore(tmp_path / "p.sqlite3").get("ilnd").state == "in_progress"


def test_a_newer_schema_is_refused(tmp_path):
    db = sqlite3.connect(tmp_path / "p.sqlite3")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(RuntimeError, match="schema"):
        ProgressStore(tmp_path / "p.sqlite3")


def test_status_command_lists_recorded_courts(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "ECFLINK_DATA_DIR": str(tmp_path / "data")}
    status = [sys.executable, "-m", "ecflink.cli", "status"]
    empty = subprocess.run(status, env=env, capture_output=True, text=True, timeout=60)
    assert empty.returncode == 0 and "None of your courts yet" in empty.stdout
    store = ProgressStore(tmp_path / "data" / "progress.sqlite3")
    store.record("txwd", "ecf_linked")
    store.record("txwb", "link_form")
    lines = subprocess.run(status, env=env, capture_output=True, text=True, timeout=60).stdout.splitlines()
    assert lines[0].startswith("txwb   in progress") and lines[0].endswith("Western District of Texas")
    assert lines[1].strip().startswith("Finish linking at U.S. Bankruptcy Court")
    assert lines[2].startswith("txwd   linked") and "U.S. District Court for the Western District of Texas" in lines[2]
    assert lines[3].strip().startswith("Nothing to do: linked on 20")


def test_a_version_1_store_is_upgraded_in_place(tmp_path):
    path = tmp_path / "v1.sqlite3"
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE courts (court_id TEXT PRIMARY KEY, state TEXT NOT NULL, pacer_username TEXT,
                             started_at TEXT NOT NULL, updated_at TEXT NOT NULL, linked_at TEXT);
        CREATE TABLE events (id INTEGER PRIMARY KEY, court_id TEXT NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL);
        INSERT INTO courts VALUES ('txwd', 'linked', 'jdoe2024', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z',
                                   '2026-01-02T00:00:00Z');
        PRAGMA user_version = 1;
    """)
    db.close()
    store = ProgressStore(path)
    old = store.get("txwd")
    assert (old.state, old.pacer_username, old.linked_at, old.cmecf_holder) == (
        "linked",
        "jdoe2024",
        "2026-01-02T00:00:00Z",
        None,
    )
    store.note_link_accounts("txwd", "jdoe2024", "Jane Doe")
    assert store.get("txwd").cmecf_holder == "Jane Doe"
    assert store.fixes("txwd") == []
    assert store.skips("jdoe2024") == {} and store.note_skip("jdoe2024", "mfa_enrolment") == 1
    store.close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5


def test_fixes_are_kept_per_court_in_order(store):
    store.add_fixes("txwd", [Fix("choose_menu", "offered"), Fix("hard_reload", "offered")])
    store.add_fixes("txwb", [Fix("choose_menu", "offered")])
    store.add_fixes("txwd", [Fix("hard_reload", "done")])
    assert store.fixes("txwd") == [
        Fix("choose_menu", "offered"),
        Fix("hard_reload", "offered"),
        Fix("hard_reload", "done"),
    ]
    assert store.fixes("txwb") == [Fix("choose_menu", "offered")]
