"""The host starts without importing typing (records.py): its codes are Literal types for the
checker and tuples at run time. These tests hold the two equal, and the way to a hint free of
typing, pathlib and contextlib."""

import inspect
import os
import subprocess
import sys
import typing

import pytest

from ecflink import credentials, framing, messages


def checker_view(module) -> dict:
    """The module as a type checker reads it: its own source, run with TYPE_CHECKING true."""
    source = inspect.getsource(module)
    assert source.count("TYPE_CHECKING = False") == 1
    namespace: dict = {"__name__": f"checker_view_{module.__name__.replace('.', '_')}"}
    exec(compile(source.replace("TYPE_CHECKING = False", "TYPE_CHECKING = True"), module.__file__, "exec"), namespace)
    return namespace


def values(literal) -> tuple:
    """A Literal's values, nested Literals flattened."""
    return tuple(v for part in typing.get_args(literal) for v in (typing.get_args(part) or (part,)))


@pytest.mark.parametrize(
    "module, type_name, runtime",
    [
        (framing, "FrameCode", framing.FRAME_CODES),
        (framing, "PayloadCode", framing.PAYLOAD_CODES),
        (credentials, "KeyringCode", credentials.KEYRING_CODES),
        (messages, "ActionId", messages.ACTION_IDS),
        (messages, "ButtonId", messages.BUTTON_IDS),
        (
            messages,
            "ErrorCode",
            framing.PAYLOAD_CODES + framing.FRAME_CODES + credentials.KEYRING_CODES + messages.OWN_ERROR_CODES,
        ),
    ],
)
def test_the_checkers_codes_are_the_run_times(module, type_name, runtime, monkeypatch):
    for source, name in ((framing, "FrameCode"), (framing, "PayloadCode"), (credentials, "KeyringCode")):
        # messages' checker view imports these, which exist for the checker only
        monkeypatch.setattr(source, name, checker_view(source)[name], raising=False)
    assert values(checker_view(module)[type_name]) == runtime


def test_a_host_answers_a_court_page_without_typing_pathlib_or_contextlib(tmp_path):
    """From its first message to a court page's hint (docs/performance.md: about 4, 2.5 and 0.5 ms
    of every start)."""
    code = (
        "import sys\n"
        "for name in ('pathlib', 'contextlib'):\n"
        "    sys.modules.pop(name, None)  # the development install's import finder loads them first\n"
        "from ecflink import dispatch, host\n"
        "url = 'https://ecf.txwd.uscourts.gov/'\n"
        "page = {'version': 1, 'tab_id': 1, 'frame_id': 0, 'url': url, 'origin': url[:-1]}\n"
        "dispatch.answer({'type': 'policy', 'version': 1, 'id': 1, 'shared_usernames': []})\n"
        "dispatch.answer({'type': 'page', 'id': 2, **page})\n"
        "dispatch.warm_up()\n"
        "facts = {'menubar': 0, 'way_in': 1}\n"
        "hint = dispatch.answer({'type': 'facts', 'id': 3, 'first': True, 'facts': facts, 'texts': {}, **page})\n"
        "print(hint.kind, sorted(set(sys.modules) & {'typing', 'pathlib', 'contextlib'}))\n"
    )
    env = {**os.environ, "ECFLINK_DATA_DIR": str(tmp_path / "data")}
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == "court_home []"
