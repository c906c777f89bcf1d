"""The host's log rotates like the standard library's RotatingFileHandler: at most 3 backups,
none of them past the size limit, the newest lines in host.log; several processes share it."""

import logging

from ecflink.logs import FORMATTER, SharedRotatingFileHandler


class RotatingFile:
    """Lines written through the host's handler, each as it is."""

    def __init__(self, path, max_bytes, backups):
        self.handler = SharedRotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")

    def write(self, line: str) -> None:
        self.handler.emit(logging.makeLogRecord({"msg": line, "levelno": logging.INFO}))

    def close(self) -> None:
        self.handler.close()


def test_rotation_keeps_three_backups_under_the_limit(tmp_path):
    log = RotatingFile(tmp_path / "host.log", max_bytes=1000, backups=3)
    for number in range(200):
        log.write(f"line {number:03d} {'x' * 40}")
    log.close()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["host.log", "host.log.1", "host.log.2", "host.log.3"]
    assert all((tmp_path / name).stat().st_size <= 1000 for name in files)
    assert (tmp_path / "host.log").read_text().rstrip().endswith("line 199 " + "x" * 40)
    newest_backup = (tmp_path / "host.log.1").read_text().splitlines()
    oldest_current = (tmp_path / "host.log").read_text().splitlines()[0]
    assert int(newest_backup[-1].split()[1]) + 1 == int(oldest_current.split()[1])  # nothing lost between files
    assert "line 000" not in "".join((tmp_path / name).read_text() for name in files)  # the oldest dropped


def test_two_processes_sharing_the_log_rotate_once_and_lose_no_line(tmp_path):
    """Two browsers' hosts write the same host.log (two handlers here, as two processes would): when
    one rotates, the other follows it to the new file instead of rotating again or failing."""
    writers = [(name, RotatingFile(tmp_path / "host.log", max_bytes=2000, backups=3)) for name in ("a", "b")]
    for number in range(60):
        for name, log in writers:
            log.write(f"{name} {number:03d} {'x' * 20}")
    for _, log in writers:
        log.close()
    kept = [line for p in sorted(tmp_path.iterdir(), reverse=True) for line in p.read_text().splitlines()]
    newest = kept[-40:]  # every line since the oldest kept one is there, in order
    assert newest == [f"{w} {n:03d} {'x' * 20}" for n in range(40, 60) for w in ("a", "b")]


def test_lines_as_logging_writes_them_and_a_failing_place_never_stops_the_host(tmp_path, capsys):
    handler = SharedRotatingFileHandler(tmp_path / "host.log", maxBytes=10_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(FORMATTER)
    log = logging.getLogger("ecflink.test_logs")
    log.propagate = False
    log.addHandler(handler)
    log.warning("answered %s error to a %d-byte message", "invalid_message", 42)
    lines = (tmp_path / "host.log").read_text().splitlines()
    assert len(lines) == 1
    date, clock, pid, level, text = lines[0].split(" ", 4)
    assert len(date) == 10 and len(clock) == 12 and clock[8] == "," and pid.startswith("pid=")
    assert (level, text) == ("WARNING", "answered invalid_message error to a 42-byte message")
    handler.stream.close()
    handler.stream = open(tmp_path / "host.log", encoding="utf-8")  # noqa: SIM115  a place that refuses writes
    log.error("still running with %s", "an argument")  # dropped, not raised, and not shown elsewhere
    log.removeHandler(handler)
    handler.close()
    assert "still running" not in capsys.readouterr().err
