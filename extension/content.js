// ecflink content script: asks the host which facts to measure on this page, measures them,
// and shows the host's hint. Runs in the top frame only, once per load; on pages the host marks
// as changing without navigation (PACER's AJAX login) it measures again after each change.
"use strict";

(() => {
  if (window.top !== window) return;
  const api = globalThis.browser ?? globalThis.chrome;
  const WATCH_DELAY_MS = 150;
  let lastFacts = "";
  let reported = false; // the host has had this document's first report
  let table = null; // the probe table the facts are measured with (from a page's answer), for the host to check
  let confirmed = false; // the user confirmed, in the overlay, that both accounts are their own
  let counted = null; // {probes, target}: the hint's target, whose click the host asked to be told of, once
  // The Submit hold (hold.js), which runs on the courts' CM/ECF sites only, not on PACER's login.
  const held = typeof ecflinkHold === "undefined" ? null : ecflinkHold;
  // The host's replies come through the background as they are; this one means it cannot be asked.
  const unreachable = (reply) => reply?.type === "error" && ["host_unavailable", "host_timeout"].includes(reply.code);

  // What a report says of the page: the same key means the same page to the host.
  const keyOf = (facts, texts) => JSON.stringify([facts, texts]);

  async function report(probes) {
    const { facts, texts, found } = ecflinkProbes.evaluate(probes);
    const key = keyOf(facts, texts);
    if (key === lastFacts) return;
    lastFacts = key;
    const first = !reported;
    reported = true;
    const hint = await api.runtime.sendMessage({ type: "facts", first, facts, texts, ...(table ? { table } : {}) });
    if (hint?.type !== "hint") {
      if (hint?.code === "probes_changed") [reported, lastFacts] = [false, ""]; // nothing recorded: ask afresh
      return hint; // an error, for the page's first report to say
    }
    counted = null;
    if (!hint.text) {
      ecflinkOverlay.remove();
    } else {
      const target = found[hint.target]?.[0] ?? null;
      if (hint.report_click === true && target) countClicks(probes, hint.target);
      if (hint.hold === "verify_submit" && !confirmed) held?.hold();
      ecflinkOverlay.show(hint, target, button(hint, target, probes));
    }
    if (hint.hold !== "verify_submit") held?.release(); // the host: no hold here
  }

  // The host asked to be told when the user clicks the hint's target (a Skip on PACER's prompts,
  // which it counts): the user's own click only, once. The page is measured again at the click: the
  // click counts only while it is the page the host judged (the same facts: not another notice the
  // page has drawn since), on that page's target, found anew (the dialog may have been redrawn).
  let listening = false;
  function countClicks(probes, target) {
    counted = { probes, target };
    if (listening) return;
    listening = true;
    addEventListener(
      "click",
      (event) => {
        if (!event.isTrusted || !counted || !(event.target instanceof Node)) return;
        const { facts, texts, found } = ecflinkProbes.evaluate(counted.probes);
        if (keyOf(facts, texts) !== lastFacts || !found[counted.target]?.[0]?.contains(event.target)) return;
        counted = null;
        api.runtime.sendMessage({ type: "target_clicked" }).catch(() => {});
      },
      true,
    );
  }

  // Submissions the hold stopped (hold.js): say why, in the panel.
  if (held) {
    held.onBlocked = (state) => {
      if (state === "held" && document.querySelector("[data-ecflink]")) return ecflinkOverlay.tell(words("held"));
      ecflinkOverlay.show({ text: words("heldChecking"), tone: "problem" }, null);
    };
  }

  // The one button the host chose for this hint, mapped to what it does here; the host's other
  // buttons (hard reload, clearing the court's data, "already linked") are actions it must grant.
  // One that asks to confirm shows its question first, with a second button to click in turn.
  function button(hint, target, probes) {
    if (!hint.button || (hint.button.id === "confirm_own_accounts" && confirmed)) return null;
    const { id, label, confirm: question, confirm_label: yes } = hint.button;
    const handlers = {
      fill: () => fill(probes),
      confirm_own_accounts: confirm,
      save_snapshot: () => saveSnapshot("unrecognised"),
    };
    const run = handlers[id] ?? (() => carryOut(id, probes));
    if (!question) return { label, run };
    return { label, run: () => ecflinkOverlay.show({ ...hint, text: question }, target, { label: yes, run }) };
  }

  async function carryOut(id, probes) {
    ecflinkOverlay.tell(words("working"));
    const reply = await api.runtime.sendMessage({ type: "action", action: id });
    if (reply?.type !== "action_done") {
      return ecflinkOverlay.tell(
        unreachable(reply) ? words("helperUnreachable") : (reply?.message ?? words("actionFailed")),
      );
    }
    if (id !== "says_linked") return ecflinkOverlay.tell(words("doneReloading"));
    lastFacts = "";
    await report(probes);
  }

  // A redacted snapshot of this page, kept in ecflink's data folder (snapshot.js, the host's
  // reports.py); only ever on a click in the overlay or the popup.
  async function saveSnapshot(reason) {
    ecflinkOverlay.tell(words("working"));
    const taken = ecflinkSnapshot.take();
    const reply = taken.problem
      ? { type: "error", message: words("snapshotRefused", taken.problem) }
      : await api.runtime.sendMessage({ type: "snapshot", html: taken.html, reason });
    const said =
      reply?.type === "snapshot_saved"
        ? reply.text
        : unreachable(reply)
          ? words("helperUnreachable")
          : (reply?.message ?? words("snapshotFailed"));
    ecflinkOverlay.tell(said);
    return { type: reply?.type === "snapshot_saved" ? "snapshot_saved" : "error", text: said };
  }

  // From the extension itself, never a page: the popup's "Save a redacted snapshot", and ecflink's
  // keyboard shortcut (the background's "commands" handler), which puts the focus on the panel.
  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== api.runtime.id) return false;
    if (message?.type === "focus_panel") {
      sendResponse({ focused: ecflinkOverlay.focusFromShortcut() });
      return false;
    }
    if (message?.type !== "take_snapshot" || sender.tab) return false;
    saveSnapshot("user_report").then(sendResponse, () =>
      sendResponse({ type: "error", text: words("snapshotFailed") }),
    );
    return true;
  });

  async function confirm() {
    const reply = await api.runtime.sendMessage({ type: "hold_release" }).catch(() => null);
    if (!reply?.released) return ecflinkOverlay.tell(words("releaseFailed"));
    confirmed = true;
    held?.release();
    ecflinkOverlay.tell(words("confirmed"));
  }

  // Only ever called from a real click on the overlay's button. The page is checked before the
  // login is asked for, and again before it is filled; nothing is submitted.
  async function fill(probes) {
    const before = ecflinkFill.locate(probes);
    if (before.reason) return ecflinkOverlay.tell(words("notFilled", before.reason));
    const reply = await api.runtime.sendMessage({ type: "fill" });
    if (reply?.type !== "fill_credentials") {
      return ecflinkOverlay.tell(
        unreachable(reply) ? words("helperUnreachable") : (reply?.message ?? words("fillFailed")),
      );
    }
    const problem = ecflinkFill.fill(probes, reply);
    ecflinkOverlay.tell(problem ? words("notFilled", problem) : words("filled"));
  }

  // Measures again at most every WATCH_DELAY_MS while the page changes, and once after it settles.
  // The timer is not pushed back by each change: a page that never stops changing still gets
  // measured (and report() sends nothing when the facts are the same).
  function watch(probes) {
    let timer = 0;
    const observer = new MutationObserver(() => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = 0;
        report(probes).catch(() => {});
      }, WATCH_DELAY_MS);
    });
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["style", "class", "hidden", "aria-hidden", "disabled"],
    });
  }

  // The helper app could not answer the page (its page report, or its first facts when they were
  // measured with what the background kept): say so.
  function sayUnanswered(answer) {
    if (unreachable(answer) && held && held.state !== "free") {
      // No helper app to judge a page that came after a link form: it may make the link, so the
      // hold stays until the user confirms.
      held.hold();
      ecflinkOverlay.show(
        { text: `${words("helperUnreachable")} ${words("heldWithoutHelper")} ${words("held")}`, tone: "problem" },
        null,
        { label: words("confirmOwnAccounts"), run: confirm },
      );
    } else if (answer?.code === "host_unavailable") {
      ecflinkOverlay.show({ text: words("setupUnfinished"), tone: "problem" }, null, {
        label: words("openSetup"),
        run: () => api.runtime.sendMessage({ type: "open_setup" }),
      });
    } else if (unreachable(answer)) {
      ecflinkOverlay.show({ text: words("helperUnreachable"), tone: "problem" }, null);
    }
  }

  async function start() {
    const answer = (await held?.takePageAnswer()) ?? (await api.runtime.sendMessage({ type: "page" }));
    words.take(answer?.panel_words);
    ecflinkOverlay.remember(answer?.panel_collapsed === true, (collapsed) =>
      api.runtime.sendMessage({ type: "panel_state", collapsed }).catch(() => {}),
    );
    sayUnanswered(answer);
    if (answer?.type !== "probes") return;
    let page = answer;
    table = page.table ?? null;
    let unanswered = await report(page.probes);
    if (unanswered?.code === "probes_changed") {
      // measured with a probe table the background kept from an older helper app: asked afresh
      page = await api.runtime.sendMessage({ type: "page" });
      sayUnanswered(page);
      if (page?.type !== "probes") return;
      table = page.table ?? null;
      unanswered = await report(page.probes);
    }
    sayUnanswered(unanswered);
    if (page.watch) watch(page.probes);
  }

  start().catch(() => {}); // the extension was reloaded or is shutting down: nothing to show
})();
