// ecflink popup: the courts linked, in progress and not yet started, as the host records them; and a
// redacted snapshot of the court page the user was on, when the hint there is wrong or missing.
"use strict";

(async () => {
  const api = globalThis.browser ?? globalThis.chrome;
  const message = document.getElementById("message");
  const snapshot = document.getElementById("snapshot");
  snapshot.addEventListener("click", async () => {
    const result = document.getElementById("snapshot-result");
    snapshot.disabled = true;
    result.textContent = words("working");
    const reply = await api.runtime.sendMessage({ type: "snapshot_tab" }).catch(() => null);
    result.textContent = reply?.text ?? words("snapshotCouldNotSave");
    snapshot.disabled = false;
  });
  const reply = await api.runtime.sendMessage({ type: "status" }).catch(() => null);
  if (reply?.type !== "status") {
    message.textContent = words("helperUnreachable");
    return;
  }
  const lists = { linked: [], link_confirmed: [], in_progress: [], not_started: [] };
  for (const court of reply.courts) lists[court.state]?.push(court);
  const item = (court, when) => {
    const li = document.createElement("li");
    li.dataset.court = court.id;
    li.textContent = court.name;
    if (when) {
      const span = document.createElement("span");
      span.className = "when";
      span.textContent = ` (${when})`;
      li.append(span);
    }
    return li;
  };
  document.getElementById("linked").append(...lists.linked.map((c) => item(c, c.linked_at?.slice(0, 10))));
  document
    .getElementById("in_progress")
    .append(
      ...lists.link_confirmed.map((c) => item(c, words("linkedMenusNotSeen"))),
      ...lists.in_progress.map((c) => item(c, null)),
    );
  document.getElementById("not_started").append(...lists.not_started.map((c) => item(c, null)));
  document.getElementById("not-started-count").textContent = String(lists.not_started.length);
})();
