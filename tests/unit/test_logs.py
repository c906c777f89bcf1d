"""The host's log rotates like the standard library's RotatingFileHandler: at most 3 backups,
none of them past the size limit, the newest lines in host.log."""

import logging

from ecflink.logs import RotatingLog


def test_rotation_keeps_three_backups_under_the_limit(tmp_path):
    handler = RotatingLog(tmp_path / "host.log", max_bytes=1000, backups=3)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.Logger("rotation-test")
    logger.addHandler(handler)
    for number in range(200):
        logger.info("line %03d %s", number, "x" * 40)
    handler.close()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["host.log", "host.log.1", "host.log.2", "host.log.3"]
    assert all((tmp_path / name).stat().st_size <= 1000 for name in files)
    assert (tmp_path / "host.log").read_text().rstrip().endswith("line 199 " + "x" * 40)
    newest_backup = (tmp_path / "host.log.1").read_text().splitlines()
    oldest_current = (tmp_path / "host.log").read_text().splitlines()[0]
    assert int(newest_backup[-1].split()[1]) + 1 == int(oldest_current.split()[1])  # nothing lost between files
    assert "line 000" not in "".join((tmp_path / name).read_text() for name in files)  # the oldest dropped


def test_two_processes_sharing_the_log_rotate_once_and_lose_no_line(tmp_path, capsys):
    """Two browsers' hosts write the same host.log (two handlers here, as two processes would): when
    one rotates, the other follows it to the new file instead of rotating again or failing."""
    writers = []
    for name in ("a", "b"):
        handler = RotatingLog(tmp_path / "host.log", max_bytes=2000, backups=3)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger = logging.Logger(f"writer-{name}")
        logger.addHandler(handler)
        writers.append((name, logger, handler))
    for number in range(60):
        for name, logger, _ in writers:
            logger.info("%s %03d %s", name, number, "x" * 20)
    for _, _, handler in writers:
        handler.close()
    assert "Logging error" not in capsys.readouterr().err
    kept = [line for p in sorted(tmp_path.iterdir(), reverse=True) for line in p.read_text().splitlines()]
    newest = kept[-40:]  # every line since the oldest kept one is there, in order
    assert newest == [f"{w} {n:03d} {'x' * 20}" for n in range(40, 60) for w in ("a", "b")]
