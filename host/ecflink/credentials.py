"""Each court's CM/ECF login, kept in the OS keyring and nowhere else.

One keyring entry per court (service "ecflink CM/ECF", user name = court id, secret = the login and
password as JSON). A small index in the data folder names the courts and logins (never passwords),
so listing needs no keyring access. Only keyrings that encrypt with the user's own login are used:
Secret Service (GNOME Keyring, KWallet), macOS Keychain, Windows Credential Locker; never a
plaintext or prompt-on-stdin fallback. Every keyring call runs with a timeout, because an unlock
prompt can block without end.
"""

from __future__ import annotations

import builtins
import json
import os
import stat
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal, get_args
from dataclasses import dataclass, field

from ecflink.courts import all_courts
from ecflink.paths import write_private

SERVICE = "ecflink CM/ECF"
UNLINKABLE = "&@$*"  # characters courts say a CM/ECF login cannot contain to be linked
# The longest login and password ecflink keeps: the same limits as the fill reply (messages.py), the
# options page and the CLI, so nothing is stored that the one reply carrying it could not carry.
LOGIN_MAX = 128
PASSWORD_MAX = 256
TIMEOUT_S = 10.0
_SAFE_BACKENDS = (
    "keyring.backends.SecretService",
    "keyring.backends.libsecret",
    "keyring.backends.kwallet",
    "keyring.backends.macOS",
    "keyring.backends.Windows",
)


KeyringCode = Literal[
    "keyring_unavailable",
    "keyring_locked",
    "keyring_timeout",
    "keyring_error",
    "no_credentials",
    "index_damaged",
    "bad_court",
    "bad_credentials",
]
KEYRING_CODES: tuple[KeyringCode, ...] = get_args(KeyringCode)


class CredentialError(Exception):
    """A keyring problem, with a code and a plain-English message that never holds a secret."""

    def __init__(self, code: KeyringCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class Credentials:
    court: str
    login: str
    password: str = field(repr=False)


def unlinkable_characters(login: str) -> str:
    """The characters in `login` that courts say cannot be linked ('' if none)."""
    return "".join(sorted({c for c in login if c in UNLINKABLE}))


def check_lengths(login: str, password: str) -> None:
    """Refuse a login or password longer than ecflink can carry (never quoting either)."""
    if len(login) > LOGIN_MAX or len(password) > PASSWORD_MAX:
        raise CredentialError(
            "bad_credentials",
            f"ecflink keeps CM/ECF logins of up to {LOGIN_MAX} characters and "
            f"passwords of up to {PASSWORD_MAX}; this one is longer. Nothing was filled or saved.",
        )


def _keyring():
    """The system keyring, if it is one ecflink trusts; the Secret Service on this process's one
    connection to it (`_OneConnection`)."""
    import keyring
    from keyring.backends import SecretService
    from keyring.backends.chainer import ChainerBackend

    chosen = keyring.get_keyring()
    backends = list(chosen.backends) if isinstance(chosen, ChainerBackend) else [chosen]
    unsafe = [type(b).__module__ for b in backends if not type(b).__module__.startswith(_SAFE_BACKENDS)]
    if not backends or unsafe:
        found = ", ".join(unsafe) or "none"
        raise CredentialError(
            "keyring_unavailable",
            "No system keyring is available (on Linux, install and start GNOME Keyring or "
            f"KWallet). Found: {found}. Nothing was saved or read.",
        )
    if type(chosen) is SecretService.Keyring:
        return _one_connection()
    return chosen


def _one_connection():
    """keyring's Secret Service backend on this process's one connection to the session bus it is
    on now (a new bus, a new connection)."""
    global _kept
    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS", "")
    if _kept is None or _kept.address != address:
        if _kept is not None:
            _kept.forget()
        _kept = _OneConnection(address)
    return _kept.backend


class _OneConnection:
    """keyring's Secret Service backend on one connection, and one session, for the whole process.

    keyring's own opens a new connection for every call, and GNOME Keyring admits a new
    connection's client in an idle callback that the connection's first requests can overtake: the
    daemon then finds no client and answers "no default collection" (keyring then asks to create
    one: "Prompt dismissed") or "no such item", or aborts and is started again with the keyring
    locked. Three clients calling at once on new connections met that in each of 3 runs of 60 s,
    and on one connection each in none (docs/decisions.md). One connection per process runs that
    risk once per connection: at its first call, and after a failed call closed the connection.
    A keyring that chains several backends (keyring's ChainerBackend) keeps keyring's own ways.
    (Not a subclass: keyring takes every subclass of its backends for a backend.)"""

    def __init__(self, address: str) -> None:
        from keyring.backends import SecretService

        self.address = address
        self.connection = None
        self.session = None
        self.backend = SecretService.Keyring()
        self.backend.get_preferred_collection = self._collection  # type: ignore[method-assign]  # keyring's calls, on our connection

    def _collection(self):
        """The collection keyring's backend would use (the default, unless keyring's
        preferred_collection is set), unlocked as it would unlock it."""
        import secretstorage
        from keyring.errors import InitError, KeyringLocked
        from secretstorage.exceptions import SecretStorageException

        try:
            if self.connection is None:
                self.connection = _Unclosed(secretstorage.dbus_init())
            preferred = getattr(self.backend, "preferred_collection", None)  # keyring's setting, if made
            if preferred:
                collection = secretstorage.Collection(self.connection, preferred, self.session)
            else:
                collection = secretstorage.get_default_collection(self.connection, self.session)
        except SecretStorageException as exc:
            self.forget()
            raise InitError(f"Failed to create the collection: {exc}.") from exc
        if collection.is_locked():
            collection.unlock()
            if collection.is_locked():  # the user dismissed the prompt
                raise KeyringLocked("Failed to unlock the collection!")
        if self.session is None:
            self.session = secretstorage.util.open_session(self.connection)
        collection.session = self.session  # and so the items it finds
        return collection

    def forget(self) -> bool:
        """Close the connection (after a failed call, which may have broken it): the next call
        opens a new one. Whether there was one."""
        connection, self.connection, self.session = self.connection, None, None
        if connection is None:
            return False
        try:
            connection.inner.close()
        except OSError:
            pass
        return True


def _gone(exc: BaseException) -> bool:
    """Whether a call failed because the connection or the session it kept is gone: the bus was
    started again (the connection is broken), or the keyring daemon was (a new daemon knows no
    session of the old one's: "NoSession")."""
    from jeepney.wrappers import DBusErrorResponse

    if isinstance(exc, (ConnectionError, EOFError)):
        return True
    return isinstance(exc, DBusErrorResponse) and exc.name == "org.freedesktop.Secret.Error.NoSession"


class _Unclosed:
    """The kept connection, as handed to keyring's backend, which closes it after every call."""

    def __init__(self, inner) -> None:
        self.inner = inner

    def __getattr__(self, name: str):
        return getattr(self.inner, name)

    def close(self) -> None:
        pass


_kept: _OneConnection | None = None


def _translate(exc: BaseException) -> CredentialError:
    from keyring.errors import InitError, KeyringError, KeyringLocked, NoKeyringError

    if isinstance(exc, CredentialError):
        return exc
    if isinstance(exc, NoKeyringError):
        return CredentialError(
            "keyring_unavailable",
            "No system keyring is available (on Linux, install and "
            "start GNOME Keyring or KWallet). Nothing was saved or read.",
        )
    if isinstance(exc, KeyringLocked):
        return CredentialError(
            "keyring_locked",
            "Your keyring is locked, or access to it was denied. Unlock it (or allow ecflink), then try again.",
        )
    if isinstance(exc, InitError):
        return CredentialError(
            "keyring_unavailable",
            "The keyring could not be opened (there is no default keyring, or its unlock prompt was dismissed).",
        )
    if isinstance(exc, KeyringError):
        return CredentialError("keyring_error", f"The system keyring refused the request ({type(exc).__name__}).")
    return CredentialError("keyring_error", f"Could not use the system keyring ({type(exc).__name__}).")


# Held while a keyring call runs, even one its caller gave up on.
_keyring_busy = threading.Lock()


def turns_file(data_folder: Path) -> Path:
    """Where ecflink's processes (each browser's helper app, the command line) take turns at the
    keyring: the user's session runtime folder when there is one (XDG_RUNTIME_DIR, private to the
    user, beside the Secret Service's own sockets), else the data folder."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    return (Path(runtime) if runtime and _private_folder(runtime) else data_folder) / "ecflink-keyring.lock"


def _private_folder(path: str) -> bool:
    """A folder of this user's that no one else can write to (where another user could otherwise
    hold the turn and keep ecflink from its keyring)."""
    try:
        found = os.stat(path)
    except OSError:
        return False
    mine = not hasattr(os, "getuid") or found.st_uid == os.getuid()
    return stat.S_ISDIR(found.st_mode) and mine and not found.st_mode & 0o022


@contextmanager
def _turn(path: Path) -> Iterator[None]:
    """One keyring call at a time across processes. GNOME Keyring 42 aborts, or answers "locked" or
    "no such collection", when two clients call it at once (docs/decisions.md: in 3 of 4 runs of
    three concurrent clients, in none of 5 runs of three or eight taking turns); the next client starts a new
    daemon whose keyring stays locked. Windows has no fcntl, and its Credential Locker no such fault."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
    except OSError:  # no folder to hold the turn (not yet made, read-only): the call goes on alone
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _with_timeout(action, timeout: float, turns: Path):
    """Run a keyring call in its own thread, in its turn (`turns`); a call still blocked after
    `timeout`, waiting for its turn included, is abandoned. Only one runs at a time: while an
    abandoned call still waits (on an unlock prompt, say), new ones are refused at once instead of
    piling up threads and keyring connections."""
    if not _keyring_busy.acquire(blocking=False):
        raise CredentialError(
            "keyring_timeout",
            "The keyring has not answered an earlier request yet (it may be "
            "waiting for you to unlock it). Unlock it, then try again.",
        )
    outcome: dict = {}

    def run() -> None:
        try:
            with _turn(turns):
                try:
                    outcome["value"] = action(_keyring())
                except BaseException as exc:
                    kept = _kept is not None and _kept.forget()  # closed: it may be broken
                    if not (kept and _gone(exc)):
                        raise
                    # The keyring or the bus was started again since this process's last call:
                    # once more, on a new connection (every action may be repeated).
                    outcome["value"] = action(_keyring())
        except BaseException as exc:  # handed to the caller below
            outcome["error"] = exc
            if _kept is not None:
                _kept.forget()  # the connection may be broken: the next call opens a new one
        finally:
            _keyring_busy.release()

    worker = threading.Thread(target=run, name="keyring-call", daemon=True)
    try:
        worker.start()
    except BaseException:
        _keyring_busy.release()
        raise
    worker.join(timeout)
    if worker.is_alive():
        raise CredentialError(
            "keyring_timeout",
            f"The keyring did not answer within {timeout:g} seconds (it may be "
            "waiting for you to unlock it). Unlock it, then try again.",
        )
    if "error" in outcome:
        raise _translate(outcome["error"]) from None
    return outcome.get("value")


class CredentialStore:
    def __init__(self, index_path: str | os.PathLike[str], timeout: float = TIMEOUT_S) -> None:
        self.index_path = Path(index_path)
        self.timeout = timeout
        self.turns = turns_file(self.index_path.parent)

    # -- the index (courts and logins only) --------------------------------------------------------

    def _index(self) -> dict[str, dict]:
        try:
            with self.index_path.open(encoding="utf-8") as file:
                courts = json.load(file)["courts"]
            if not all(isinstance(e, dict) and isinstance(e.get("login"), str) for e in courts.values()):
                raise TypeError
            return courts
        except FileNotFoundError:
            return {}
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
            raise CredentialError(
                "index_damaged",
                "ecflink's list of stored CM/ECF logins (credentials.json) is "
                "damaged. Repair it in ecflink's options, or with: ecflink creds repair",
            ) from None

    def _save_index(self, courts: dict[str, dict]) -> None:
        write_private(self.index_path, json.dumps({"version": 1, "courts": courts}, indent=2, sort_keys=True))

    def _note(self, court: str, login: str | None) -> None:
        """Record (or, with None, forget) a court's login in the index. Called by the keyring call
        itself once the keyring has answered, so a call that answers after its caller gave up still
        leaves the index and the keyring in step."""
        index = self._index()
        if login is None:
            if index.pop(court, None) is None:
                return
        else:
            index[court] = {"login": login, "saved_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        self._save_index(index)

    def list(self) -> list[dict]:
        """[{court, login, saved_at}] for every court with a stored login, by court id."""
        return [{"court": court, **entry} for court, entry in sorted(self._index().items())]

    def has(self, court: str) -> bool:
        return court in self._index()

    # -- the keyring ----------------------------------------------------------------------------------

    @staticmethod
    def _check_court(court: str) -> None:
        found = all_courts().get(court)
        if found is None or not found.guided:
            raise CredentialError("bad_court", f"{court!r} is not a district or bankruptcy court ecflink knows.")

    def set(self, court: str, login: str, password: str) -> None:
        """Store (or replace) a court's CM/ECF login and password."""
        self._check_court(court)
        if not login or not password:
            raise CredentialError("bad_credentials", "Both the CM/ECF login and the password are needed.")
        check_lengths(login, password)
        self._index()  # a damaged index is repaired first, not written over
        secret = json.dumps({"login": login, "password": password})

        def store(kr) -> None:
            kr.set_password(SERVICE, court, secret)
            self._note(court, login)

        _with_timeout(store, self.timeout, self.turns)

    def get(self, court: str) -> Credentials:
        """A court's stored CM/ECF login and password."""
        self._check_court(court)
        secret = _with_timeout(lambda kr: kr.get_password(SERVICE, court), self.timeout, self.turns)
        if secret is None:
            raise CredentialError(
                "no_credentials",
                f"No CM/ECF login is stored for {court.upper()}. Add it in "
                f"ecflink's options, or with: ecflink creds set {court} --login LOGIN",
            )
        try:
            stored = json.loads(secret)
            found = Credentials(court, stored["login"], stored["password"])
            if not (
                isinstance(found.login, str) and isinstance(found.password, str) and found.login and found.password
            ):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            raise CredentialError(
                "keyring_error",
                f"The keyring entry for {court.upper()} is not one ecflink wrote; delete it and save the login again.",
            ) from None
        check_lengths(found.login, found.password)
        return found

    def delete(self, court: str) -> None:
        """Remove a court's entry from the keyring and the index (no error if there was none)."""
        from keyring.errors import PasswordDeleteError

        self._check_court(court)

        def remove(kr) -> None:
            try:
                kr.delete_password(SERVICE, court)
            except PasswordDeleteError:
                pass  # nothing stored: the goal is reached
            self._note(court, None)

        _with_timeout(remove, self.timeout, self.turns)

    def repair(self) -> builtins.list[str]:
        """Rebuild the index from the keyring: every court ecflink guides is looked up there (one
        call, under one timeout); a damaged index is kept beside it as `credentials.json.damaged`.
        Returns the courts found."""
        courts = [court.id for court in all_courts().values() if court.guided]

        def read_all(kr) -> dict[str, dict]:
            found = {}
            for court in courts:
                secret = kr.get_password(SERVICE, court)
                try:
                    login = json.loads(secret)["login"] if secret else None
                except (ValueError, KeyError, TypeError):
                    login = None  # an entry ecflink did not write: left out of the index
                if isinstance(login, str) and login:
                    found[court] = {
                        "login": login,
                        "saved_at": "repaired " + time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    }
            return found

        found = _with_timeout(read_all, max(self.timeout, 60.0), self.turns)
        try:
            self._index()
        except CredentialError:
            self.index_path.replace(self.index_path.with_name(f"{self.index_path.name}.damaged"))
        self._save_index(found)
        return sorted(found)
