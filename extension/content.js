// ecflink content script: asks the host which facts to measure on this page, measures them,
// and shows the host's hint. Runs in the top frame only, once per load; on pages the host marks
// as changing without navigation (PACER's AJAX login) it measures again after each change.
"use strict";

(() => {
  if (window.top !== window) return;
  const api = globalThis.browser ?? globalThis.chrome;
  const WATCH_DELAY_MS = 150;
  let lastFacts = "";

  async function report(probes) {
    const facts = ecflinkProbes.evaluate(probes);
    const key = JSON.stringify(facts);
    if (key === lastFacts) return;
    lastFacts = key;
    const hint = await api.runtime.sendMessage({ type: "facts", facts });
    if (hint?.kind === "hint" && hint.text) {
      const target = hint.target && probes[hint.target] ? ecflinkProbes.first(probes[hint.target]) : null;
      const act = hint.fill === "ready" ? { label: "Fill CM/ECF login", run: () => fill(probes.link_form) } : null;
      ecflinkOverlay.show(hint, target, act);
    } else if (hint?.kind === "hint") {
      ecflinkOverlay.remove();
    }
  }

  // Only ever called from a real click on the overlay's button. The page is checked before the
  // login is asked for, and again before it is filled; nothing is submitted.
  async function fill(formProbe) {
    const before = ecflinkFill.locate(formProbe);
    if (before.reason) return ecflinkOverlay.tell(`ecflink did not fill this form: ${before.reason}`);
    const reply = await api.runtime.sendMessage({ type: "fill" });
    if (reply?.kind !== "credentials") {
      return ecflinkOverlay.tell(reply?.text ?? "ecflink could not fill this form.");
    }
    const problem = ecflinkFill.fill(formProbe, reply);
    ecflinkOverlay.tell(problem ? `ecflink did not fill this form: ${problem}`
                                : "Filled. Check both fields, then choose Submit yourself.");
  }

  function watch(probes) {
    let timer = 0;
    const observer = new MutationObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(() => report(probes).catch(() => {}), WATCH_DELAY_MS);
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true,
                                      attributeFilter: ["style", "class", "hidden", "aria-hidden", "disabled"] });
  }

  async function start() {
    const answer = await api.runtime.sendMessage({ type: "page" });
    if (answer?.kind === "status") ecflinkOverlay.show({ text: answer.text, tone: "problem" }, null);
    if (answer?.kind !== "probes") return;
    await report(answer.probes);
    if (answer.watch) watch(answer.probes);
  }

  start().catch(() => {}); // the extension was reloaded or is shutting down: nothing to show
})();
