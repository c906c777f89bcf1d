// ecflink background: one persistent native port to the host, and a relay between court tabs and
// the host. Everything the host learns about a page comes from the browser-attested `sender`
// (tab, frame, URL, origin), never from what the page or content script claims.
"use strict";

const api = globalThis.browser ?? globalThis.chrome;
const HOST_NAME = "org.ecflink.host";
const PROTOCOL_VERSION = 1;
const REPLY_TIMEOUT_MS = 10000;

let port = null;
let nextId = 1;
const pending = new Map(); // request id -> {resolve, timer}
// What the host said to measure on an origin's pages, where it said that holds for the whole origin
// (`same_for_origin`): the origin's next pages are answered from here, so a page costs one host
// round trip (its facts). Kept for the host process that said it: forgotten when its port closes.
const kept = new Map(); // origin -> {type: "probes", probes, watch, table}
const KEPT_MAX = 256;
// The last such answer for a court's CM/ECF page, kept across hosts and browser sessions (local
// storage; no court, no page): a court page that comes before the host has answered for its origin
// is measured with it at once, so its first page too costs one round trip. Its facts carry its
// `table`, which the host checks: measured with a table it no longer uses (ecflink was updated), the
// report is refused (`probes_changed`) and the content script asks afresh, whose answer replaces it.
const COURT_PROBES = "courtPageProbes";
let courtProbes = null; // a promise of the stored answer, read once

function storedCourtProbes() {
  courtProbes ??= api.storage.local.get(COURT_PROBES).then(
    ({ [COURT_PROBES]: found }) =>
      found?.type === "probes" && typeof found.table === "string" && typeof found.probes === "object" ? found : null,
    () => null,
  );
  return courtProbes;
}

function keepCourtProbes(answer) {
  courtProbes = Promise.resolve(answer);
  api.storage.local.set({ [COURT_PROBES]: answer }).catch(() => {});
}

function settle(id, reply) {
  const entry = pending.get(id);
  if (!entry) return;
  pending.delete(id);
  clearTimeout(entry.timer);
  entry.resolve(reply);
}

function connect() {
  const p = api.runtime.connectNative(HOST_NAME);
  p.onMessage.addListener((reply) => {
    if (reply?.type === "settings" && Number.isSafeInteger(reply.port_idle_s)) keepFor(reply.port_idle_s);
    if (reply && Number.isSafeInteger(reply.reply_to)) settle(reply.reply_to, reply);
  });
  p.onDisconnect.addListener((gone) => {
    // Chromium reports why in runtime.lastError, Firefox in port.error.
    const reason = api.runtime.lastError?.message ?? gone.error?.message ?? "the host exited";
    if (port === p) {
      port = null;
      kept.clear();
    }
    for (const id of [...pending.keys()]) {
      settle(id, { type: "error", code: "host_unavailable", message: reason });
    }
  });
  return p;
}

// The firm's list of shared PACER usernames, from browser policy (managed storage; the schema is
// managed_schema.json). Empty without a policy: Firefox then rejects the read, Chromium answers {}.
const FIRM_POLICY_KEY = "sharedPacerUsernames";

async function firmPolicy() {
  let names = [];
  try {
    names = (await api.storage.managed.get(FIRM_POLICY_KEY))?.[FIRM_POLICY_KEY] ?? [];
  } catch {
    // no policy for this extension
  }
  if (!Array.isArray(names)) return [];
  return names
    .filter((n) => typeof n === "string")
    .map((n) => n.trim())
    .filter((n) => n.length > 0 && n.length <= 64)
    .slice(0, 1000);
}

// Sent first on every new port (each port is a fresh host process), and again when the policy changes.
let policySent = Promise.resolve();

function sendPolicy(p) {
  policySent = firmPolicy()
    .then((names) => {
      p.postMessage({ type: "policy", version: PROTOCOL_VERSION, id: nextId++, shared_usernames: names });
    })
    .catch(() => {}); // the port closed meanwhile: the next one sends it again
  return policySent;
}

async function openPort() {
  if (!port) {
    port = connect();
    sendPolicy(port);
    lastCourtPage = Date.now();
    watchIdle();
  }
  const p = port;
  await policySent;
  return p;
}

// Court and PACER pages: the manifest's host permissions (written from the court table).
const COURT_PAGES = api.runtime.getManifest().host_permissions;

// The first sign of a court or PACER page: the request for it, before the server answers. The
// helper app starts then, so its start overlaps the court's own network time instead of following
// it (hold.js asks again at document_start, and the page's first message opens the port anyway).
// A listener that only observes: it is not "blocking", so it can neither delay nor change a
// request, and sees nothing of them but that they happen.
api.webRequest.onBeforeRequest.addListener(
  () => {
    openPort().catch(() => {});
  },
  { urls: COURT_PAGES, types: ["main_frame"] },
);

// With no court or PACER page in any tab for the host's idle time (its answer to the policy says
// how long: 10 minutes), the port closes and the helper app exits, so it holds no memory while the
// filer works elsewhere; the next court navigation starts it again. Never while a request waits.
let portIdleMs = 10 * 60 * 1000;
let lastCourtPage = 0;
let idleTimer = 0;

function keepFor(seconds) {
  portIdleMs = seconds * 1000;
  watchIdle();
}

function watchIdle() {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(checkIdle, Math.min(portIdleMs / 4, 60 * 1000));
}

async function checkIdle() {
  if (!port) return;
  const open = await api.tabs.query({ url: COURT_PAGES }).catch(() => null);
  if (open === null || open.length > 0 || pending.size > 0) {
    lastCourtPage = Date.now();
  } else if (Date.now() - lastCourtPage >= portIdleMs && port) {
    const idle = port;
    port = null;
    kept.clear();
    idle.disconnect();
    return;
  }
  watchIdle();
}

api.storage.onChanged.addListener((_changes, area) => {
  if (area === "managed" && port) sendPolicy(port);
});

// The host is given REPLY_TIMEOUT_MS from when a request is handed to it, not from when it was
// asked for: a new port first waits for the firm's list (sendPolicy), which Chromium lets an
// extension read only once its own start-up work is done, about 2 s after the browser starts on an
// idle computer and far longer on a busy one. That wait is the browser's, not the helper app's.
function askHostOnce(message) {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, { resolve, timer: 0 });
    // A port that closed meanwhile throws here; its onDisconnect has already forgotten it.
    openPort()
      .then((p) => {
        p.postMessage({ ...message, version: PROTOCOL_VERSION, id });
        const entry = pending.get(id);
        if (entry) {
          entry.timer = setTimeout(
            () => settle(id, { type: "error", code: "host_timeout", message: "the host did not answer" }),
            REPLY_TIMEOUT_MS,
          );
        }
      })
      .catch((err) => {
        settle(id, { type: "error", code: "host_unavailable", message: String(err?.message ?? err) });
      });
  });
}

// Requests are idempotent, so one lost to a host that exited is sent once more
// on a fresh port before the tab is told the host is unavailable.
async function askHost(message) {
  const reply = await askHostOnce(message);
  return reply.code === "host_unavailable" ? askHostOnce(message) : reply;
}

// What the browser attests about the sending page; the content script's own word is not used.
function attested(sender) {
  const url = sender.url;
  let origin = sender.origin;
  if (!origin) {
    try {
      origin = new URL(url).origin;
    } catch {
      origin = "null";
    }
  }
  return { tab_id: sender.tab.id, frame_id: sender.frameId ?? 0, url, origin };
}

// Requests the popup and options page may make, with the fields each may carry.
const OPTIONS_REQUESTS = {
  status: [],
  court_choice: ["court", "choice"],
  creds_list: [],
  creds_set: ["court", "login", "password"],
  creds_delete: ["court"],
  creds_repair: [],
  settings_get: [],
  settings_set: [
    "my_pacer_username",
    "shared_usernames",
    "mfa_ready",
    "backup_codes_saved",
    "email_checked",
    "password_changed_on",
  ],
};

function fromOurTopFrame(sender) {
  return sender.id === api.runtime.id && sender.tab && sender.frameId === 0;
}

// The popup (in its own window, or opened in a tab): an extension page, never a web page.
function fromOurPages(sender) {
  return sender.id === api.runtime.id && Boolean(sender.url?.startsWith(api.runtime.getURL("")));
}

// Buttons the overlay may offer; the host grants each only where it offered it.
const ACTIONS = new Set(["hard_reload", "clear_court_data", "says_linked"]);
const IS_FIREFOX = typeof api.runtime.getBrowserInfo === "function";

// Clear one court's own data: its cookies (never the .uscourts.gov-wide ones other courts and
// PACER use) through the cookies API, and its site storage and cache through browsingData, scoped
// to its origin in Chromium, and to its host name in Firefox (which cannot scope the cache).
async function clearCourtData(hosts) {
  for (const host of hosts) {
    for (const cookie of await api.cookies.getAll({ domain: host })) {
      const domain = cookie.domain.replace(/^\./, "");
      if (domain !== host && !domain.endsWith(`.${host}`)) continue;
      const extra = cookie.partitionKey ? { partitionKey: cookie.partitionKey } : {};
      await api.cookies.remove({
        url: `https://${domain}${cookie.path}`,
        name: cookie.name,
        storeId: cookie.storeId,
        ...extra,
      });
    }
  }
  const storage = { localStorage: true, indexedDB: true, serviceWorkers: true };
  if (IS_FIREFOX) {
    await api.browsingData.remove({ hostnames: hosts }, storage);
  } else {
    await api.browsingData.remove(
      { origins: hosts.map((h) => `https://${h}`) },
      { ...storage, cache: true, cacheStorage: true },
    );
  }
}

// An action button was clicked: the host must grant it for this tab's page; then it is carried
// out, its outcome reported, and the tab reloaded past the cache.
async function carryOut(action, sender) {
  const where = attested(sender);
  const grant = await askHostOnce({ type: "action", action, ...where });
  if (grant.type !== "action_grant") return grant; // the host's refusal, or that it cannot be reached
  let ok = true;
  try {
    if (action === "clear_court_data") await clearCourtData(grant.hosts);
  } catch {
    ok = false;
  }
  await askHostOnce({ type: "action_result", action, ok, ...where });
  if (ok && action !== "says_linked") await api.tabs.reload(where.tab_id, { bypassCache: true });
  return { type: ok ? "action_done" : "action_failed" };
}

// -- the Submit hold ---------------------------------------------------------------------------
// A tab is "armed" after a link form (the verify page may come next) and while a page the host
// says to hold is shown: its next court page holds its submissions from the start (hold.js) until
// the host says the page needs no hold or the user confirms. Kept in session storage, so a
// restarted service worker still knows.
const ECF_HOST = /^ecf\.[a-z0-9]+\.uscourts\.gov$/;
const armedKey = (tabId) => `armed:${tabId}`;

function hostOf(url) {
  try {
    return new URL(url).hostname;
  } catch {
    return "";
  }
}

async function armedHost(tabId) {
  return (await api.storage.session.get(armedKey(tabId)))[armedKey(tabId)] ?? null;
}

const arm = (tabId, host) => api.storage.session.set({ [armedKey(tabId)]: host });
const disarm = (tabId) => api.storage.session.remove(armedKey(tabId));

// A court page starts loading (hold.js, at document_start): held if its tab is armed for this court.
async function holdCheck(sender) {
  const host = hostOf(sender.url);
  return { hold: ECF_HOST.test(host) && (await armedHost(sender.tab.id)) === host };
}

// The host's hint for a court page decides: hold it (and its reloads), arm the tab for the next
// page (a link form), or let go. Without an answer from the host, nothing changes. Arming is done
// before the hint goes back; letting go is not waited for (the tab's next hold check reads the
// session storage after it, and a late one could only hold a page that need not be held).
async function settleHold(sender, reply) {
  if (reply.type !== "hint" || !sender.tab) return;
  const host = hostOf(sender.url);
  if (!ECF_HOST.test(host)) return;
  if (reply.hold || reply.hold_next) await arm(sender.tab.id, host);
  else disarm(sender.tab.id).catch(() => {});
}

// The panel collapsed to a badge stays so on the tab's next pages (until the tab closes).
const collapsedKey = (tabId) => `collapsed:${tabId}`;

async function panelCollapsed(tabId) {
  return Boolean((await api.storage.session.get(collapsedKey(tabId)))[collapsedKey(tabId)]);
}

// The panel's own words (its tone, collapse, expand, dismiss), given with a page's answer: on a page
// that goes as expected the content script then never loads the message catalogue, which costs
// every court page a synchronous call to the browser.
const PANEL_WORDS = ["toneStep", "toneDone", "toneProblem", "collapse", "expand", "dismiss"];

// A page's answer as the content script gets it: the host's (or the kept) answer, whether the
// panel is collapsed on this tab, and the panel's words.
async function pageAnswer(answer, tabId) {
  const collapsed = await panelCollapsed(tabId).catch(() => false);
  const panelWords = Object.fromEntries(PANEL_WORDS.map((name) => [name, api.i18n.getMessage(name)]));
  return { ...answer, panel_collapsed: collapsed, panel_words: panelWords };
}

function rememberPanel(tabId, collapsed) {
  return collapsed
    ? api.storage.session.set({ [collapsedKey(tabId)]: true })
    : api.storage.session.remove(collapsedKey(tabId));
}

api.tabs.onRemoved.addListener((tabId) => {
  disarm(tabId).catch(() => {});
  rememberPanel(tabId, false).catch(() => {});
});

// ecflink's keyboard shortcut (manifest "commands", changeable in the browser's shortcut settings):
// the focus goes to the panel's button on the current court page.
api.commands.onCommand.addListener(async (command, tab) => {
  if (command !== "focus-panel") return;
  const target = tab ?? (await api.tabs.query({ active: true, currentWindow: true }))[0];
  if (target?.id !== undefined)
    api.tabs.sendMessage(target.id, { type: "focus_panel" }, { frameId: 0 }).catch(() => {});
});

// The setup page: opened when the helper app cannot be started, once until it is found again (ecflink
// keeps in the browser's local storage that it was opened, and the court pages' probe table), and on request.
const SETUP_OPENED = "setupPageOpened";

function openSetup(active) {
  return api.tabs.create({ url: api.runtime.getURL("setup.html"), active });
}

async function setupNeeded() {
  if ((await api.storage.local.get(SETUP_OPENED))[SETUP_OPENED]) return;
  await api.storage.local.set({ [SETUP_OPENED]: true });
  await openSetup(false);
}

// The setup page's "Check again": a ping on a port of its own, closed with the answer, so a helper
// app registered since is found (the shared port is opened afresh on the next request anyway).
async function checkHelper() {
  try {
    const reply = await api.runtime.sendNativeMessage(HOST_NAME, { type: "ping", version: PROTOCOL_VERSION, id: 1 });
    if (reply?.type !== "pong") return { found: false, reason: reply?.message ?? "no answer" };
    await api.storage.local.remove(SETUP_OPENED);
    return { found: true, version: reply.host_version };
  } catch (err) {
    return { found: false, reason: String(err?.message ?? err) };
  }
}

// The popup's "Save a redacted snapshot": asked of the court or PACER page the user was last on.
async function snapshotLastCourtTab() {
  const tabs = await api.tabs.query({ url: "https://*.uscourts.gov/*" });
  const tab = tabs.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
  if (!tab) return { type: "error", text: api.i18n.getMessage("snapshotOpenPage") };
  try {
    return await api.tabs.sendMessage(tab.id, { type: "take_snapshot" }, { frameId: 0 });
  } catch {
    return { type: "error", text: api.i18n.getMessage("tabUnreachable") };
  }
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  let request = null;
  const page = ["page", "hold_check"].includes(message?.type) && fromOurTopFrame(sender) ? attested(sender) : null;
  const known = page && port && kept.has(page.origin) ? { ...kept.get(page.origin), kept: true } : null;
  if (message?.type === "page" && known) {
    pageAnswer(known, sender.tab.id).then(sendResponse);
    return true;
  } else if (message?.type === "page" && page) {
    request = { type: "page", ...page };
  } else if (message?.type === "facts" && fromOurTopFrame(sender)) {
    const first = message.first === true;
    const table = typeof message.table === "string" ? { table: message.table } : {};
    request = { type: "facts", ...attested(sender), first, facts: message.facts, texts: message.texts ?? {}, ...table };
  } else if (message?.type === "target_clicked" && fromOurTopFrame(sender)) {
    request = { type: "target_clicked", ...attested(sender) };
  } else if (message?.type === "fill" && fromOurTopFrame(sender)) {
    // The login goes back only to the content script of the tab and frame that asked, and is
    // never kept here. Sent once: a fill request is not retried.
    askHostOnce({ type: "fill", ...attested(sender) }).then(sendResponse);
    return true;
  } else if (message?.type === "snapshot" && typeof message.html === "string" && fromOurTopFrame(sender)) {
    const reason = message.reason === "unrecognised" ? "unrecognised" : "user_report";
    askHostOnce({ type: "snapshot", ...attested(sender), html: message.html, reason }).then(sendResponse);
    return true;
  } else if (message?.type === "hold_check" && page) {
    // A court page has just started (hold.js runs at document_start): the helper app starts now, while
    // the page loads, rather than when the content script asks at document_idle. The answer to the
    // page's report goes with it when it is kept: the content script then need not ask.
    openPort().catch(() => {});
    const answer = known ? Promise.resolve(known) : storedCourtProbes();
    Promise.all([holdCheck(sender), answer])
      .then(async ([reply, found]) => (found ? { ...reply, page: await pageAnswer(found, sender.tab.id) } : reply))
      .then(sendResponse, () => sendResponse({ hold: true }));
    return true;
  } else if (message?.type === "hold_release" && fromOurTopFrame(sender)) {
    // The user confirmed in the panel (a click the overlay's guards accepted).
    disarm(sender.tab.id).then(
      () => sendResponse({ released: true }),
      () => sendResponse({ released: false }),
    );
    return true;
  } else if (message?.type === "panel_state" && typeof message.collapsed === "boolean" && fromOurTopFrame(sender)) {
    rememberPanel(sender.tab.id, message.collapsed).then(
      () => sendResponse({ saved: true }),
      () => sendResponse({ saved: false }),
    );
    return true;
  } else if (message?.type === "setup_check" && fromOurPages(sender)) {
    checkHelper().then(sendResponse);
    return true;
  } else if (message?.type === "open_setup" && (fromOurPages(sender) || fromOurTopFrame(sender))) {
    openSetup(true).then(
      () => sendResponse({ opened: true }),
      () => sendResponse({ opened: false }),
    );
    return true;
  } else if (message?.type === "snapshot_tab" && fromOurPages(sender)) {
    snapshotLastCourtTab().then(sendResponse);
    return true;
  } else if (message?.type === "action" && ACTIONS.has(message.action) && fromOurTopFrame(sender)) {
    carryOut(message.action, sender).then(sendResponse);
    return true;
  } else if (Object.hasOwn(OPTIONS_REQUESTS, message?.type ?? "") && fromOurPages(sender)) {
    const fields = Object.fromEntries(
      OPTIONS_REQUESTS[message.type].filter((k) => k in message).map((k) => [k, message[k]]),
    );
    askHost({ type: message.type, ...fields }).then(sendResponse);
    return true;
  }
  if (!request) return false;
  askHost(request).then(async (reply) => {
    if (reply.code === "host_unavailable") setupNeeded().catch(() => {});
    if (reply.type === "probes" && reply.same_for_origin === true) {
      const answer = { type: "probes", probes: reply.probes, watch: reply.watch === true, table: reply.table };
      if (kept.size < KEPT_MAX) kept.set(request.origin, answer);
      if (typeof reply.table === "string" && ECF_HOST.test(hostOf(request.url))) {
        storedCourtProbes().then((stored) => stored?.table === reply.table || keepCourtProbes(answer));
      }
    }
    await settleHold(sender, reply).catch(() => {}); // a rule that cannot be changed stays as it was
    // As the host said it (the content script reads the host's own fields), with the panel's
    // state and words for a page's answer.
    sendResponse(request.type === "page" ? await pageAnswer(reply, sender.tab.id) : reply);
  });
  return true; // answer asynchronously
});
