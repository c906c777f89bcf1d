// ecflink content script: asks the host which facts to measure on this page, measures them,
// and shows the host's hint. Runs in the top frame only, once per load; on pages the host marks
// as changing without navigation (PACER's AJAX login) it measures again after each change.
"use strict";

(() => {
  if (window.top !== window) return;
  const api = globalThis.browser ?? globalThis.chrome;
  const WATCH_DELAY_MS = 150;
  let lastFacts = "";
  let confirmed = false; // the user confirmed, in the overlay, that both accounts are their own
  // The Submit hold (hold.js), which runs on the courts' CM/ECF sites only, not on PACER's login.
  const held = typeof ecflinkHold === "undefined" ? null : ecflinkHold;
  const HELD = "Submit is held. Log out and use your own individual PACER account, or confirm in this panel.";

  async function report(probes) {
    const { facts, texts, found } = ecflinkProbes.evaluate(probes);
    const key = JSON.stringify([facts, texts]);
    if (key === lastFacts) return;
    lastFacts = key;
    const hint = await api.runtime.sendMessage({ type: "facts", facts, texts });
    if (hint?.kind === "hint" && hint.text) {
      const target = found[hint.target]?.[0] ?? null;
      let act = hint.fill === "ready" ? { label: "Fill CM/ECF login", run: () => fill(probes) } : null;
      if (hint.hold === "verify_submit" && !confirmed) {
        held?.hold();
        act = { label: hint.confirm, run: confirm };
      }
      if (hint.action) act = button(hint, target, probes);
      ecflinkOverlay.show(hint, target, act);
    } else if (hint?.kind === "hint") {
      ecflinkOverlay.remove();
    }
    if (hint?.kind === "hint" && hint.hold !== "verify_submit") held?.release(); // the host: no hold here
  }

  // Submissions the hold stopped (hold.js): say why, in the panel.
  if (held) {
    held.onBlocked = (state) => {
      if (state === "held" && document.querySelector("[data-ecflink]")) return ecflinkOverlay.tell(HELD);
      ecflinkOverlay.show({ text: "ecflink is checking this page before it lets it submit: this may be the page " +
                            "that makes the link. Try again in a moment.", tone: "problem" }, null);
    };
  }

  // A button the host offered (hard reload, clear the court's data, "already linked", save a
  // snapshot); one that asks to confirm shows its question first, with a second button that must
  // be clicked in turn.
  function button(hint, target, probes) {
    const { id, label, confirm: question, confirm_label: yes } = hint.action;
    const run = id === "save_snapshot" ? () => saveSnapshot("unrecognised") : () => carryOut(id, probes);
    if (!question) return { label, run };
    return { label, run: () => ecflinkOverlay.show({ ...hint, text: question }, target, { label: yes, run }) };
  }

  async function carryOut(id, probes) {
    ecflinkOverlay.tell("Working…");
    const reply = await api.runtime.sendMessage({ type: "action", action: id });
    if (reply?.kind !== "done") return ecflinkOverlay.tell(reply?.text ?? "ecflink could not do that.");
    if (id !== "says_linked") return ecflinkOverlay.tell("Done. Reloading the page…");
    lastFacts = "";
    await report(probes);
  }

  // A redacted snapshot of this page, kept in ecflink's data folder (snapshot.js, the host's
  // reports.py); only ever on a click in the overlay or the popup.
  async function saveSnapshot(reason) {
    ecflinkOverlay.tell("Working…");
    const taken = ecflinkSnapshot.take();
    const reply = taken.problem ? { kind: "refused", text: `ecflink did not save this page: ${taken.problem}` }
      : await api.runtime.sendMessage({ type: "snapshot", html: taken.html, reason });
    ecflinkOverlay.tell(reply?.text ?? "ecflink could not save this page.");
    return reply;
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
    saveSnapshot("user_report").then(sendResponse, () => sendResponse({ kind: "refused" }));
    return true;
  });

  async function confirm() {
    const reply = await api.runtime.sendMessage({ type: "hold_release" }).catch(() => null);
    if (!reply?.released) return ecflinkOverlay.tell("ecflink could not let Submit through. Reload the page and try again.");
    confirmed = true;
    held?.release();
    ecflinkOverlay.tell("Confirmed. Choose Submit when you are ready; the link cannot be undone.");
  }

  // Only ever called from a real click on the overlay's button. The page is checked before the
  // login is asked for, and again before it is filled; nothing is submitted.
  async function fill(probes) {
    const before = ecflinkFill.locate(probes);
    if (before.reason) return ecflinkOverlay.tell(`ecflink did not fill this form: ${before.reason}`);
    const reply = await api.runtime.sendMessage({ type: "fill" });
    if (reply?.kind !== "credentials") {
      return ecflinkOverlay.tell(reply?.text ?? "ecflink could not fill this form.");
    }
    const problem = ecflinkFill.fill(probes, reply);
    ecflinkOverlay.tell(problem ? `ecflink did not fill this form: ${problem}`
                                : "Filled. Check both fields, then choose Submit yourself.");
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
    observer.observe(document.body, { subtree: true, childList: true, attributes: true,
                                      attributeFilter: ["style", "class", "hidden", "aria-hidden", "disabled"] });
  }

  async function start() {
    const answer = await api.runtime.sendMessage({ type: "page" });
    if (answer?.kind === "status" && held && held.state !== "free") {
      // No helper app to judge a page that came after a link form: it may make the link, so the
      // hold stays until the user confirms.
      held.hold();
      ecflinkOverlay.show({ text: `${answer.text} It cannot check this page, which may be the one that makes the ` +
                            `link (a link cannot be undone). ${HELD}`, tone: "problem" },
                          null, { label: "These are both my own individual accounts", run: confirm });
    } else if (answer?.kind === "status") {
      ecflinkOverlay.show({ text: answer.text, tone: "problem" }, null);
    }
    if (answer?.kind !== "probes") return;
    await report(answer.probes);
    if (answer.watch) watch(answer.probes);
  }

  start().catch(() => {}); // the extension was reloaded or is shutting down: nothing to show
})();
