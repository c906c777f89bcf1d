// ecflink popup: your PACER account's readiness (MFA, backup codes, e-mail, password age, Skips), your
// courts (state, NextGen status, next action, what is still missing, help desk), the other courts
// behind a search; and a redacted snapshot of the court page the user
// was on, when the hint there is wrong or missing. Every fact and sentence about a court is the
// host's (yourcourts.py, guide.json).
"use strict";

(async () => {
  const api = globalThis.browser ?? globalThis.chrome;
  const $ = (id) => document.getElementById(id);
  const element = (tag, className, text) =>
    Object.assign(document.createElement(tag), { className, textContent: text });
  $("setup").addEventListener("click", () => api.runtime.sendMessage({ type: "open_setup" }).catch(() => null));
  $("snapshot").addEventListener("click", async () => {
    const result = $("snapshot-result");
    $("snapshot").disabled = true;
    result.textContent = words("working");
    const reply = await api.runtime.sendMessage({ type: "snapshot_tab" }).catch(() => null);
    result.textContent = reply?.text ?? words("snapshotCouldNotSave");
    $("snapshot").disabled = false;
  });
  const reply = await api.runtime.sendMessage({ type: "status" }).catch(() => null);
  if (reply?.type !== "status") {
    $("message").textContent =
      reply?.code === "host_unavailable" ? words("setupUnfinished") : words("helperUnreachable");
    $("setup").hidden = false;
    return;
  }
  $("message").textContent = reply.warnings.map((w) => w.message).join(" ");

  const nextgen = (court) =>
    court.nextgen === true
      ? words("nextgenRelease", court.release ?? "")
      : court.nextgen === false
        ? words("notNextgen")
        : words("nextgenUnknown");

  // A court's page, only if PACER gives a web address for it.
  const courtPage = (court) => {
    if (!/^https?:\/\//.test(court.info_url ?? "")) return null;
    const link = element("a", "", words("courtPage"));
    Object.assign(link, { href: court.info_url, target: "_blank", rel: "noopener noreferrer" });
    return link;
  };

  const item = (court, full) => {
    const li = element("li", "court");
    Object.assign(li.dataset, { court: court.id, state: court.state });
    const title = element("div", "title");
    title.append(element("strong", "", court.name), " ", element("span", `state ${court.state}`, court.state_name));
    li.append(title, element("div", "facts", nextgen(court)));
    if (!full) return li;
    li.append(element("p", "next", court.next_action));
    const todo = court.readiness.filter((point) => point.ok === false);
    if (todo.length) {
      const list = element("ul", "readiness");
      list.setAttribute("aria-label", words("beforeYouLink"));
      for (const point of todo) {
        const entry = element("li", "", point.text);
        entry.dataset.point = point.id;
        list.append(entry);
      }
      li.append(list);
    }
    const help = element("div", "help");
    if (court.help_desk.length) help.append(words("helpDesk", court.help_desk.join(", ")), " ");
    const page = courtPage(court);
    if (page) help.append(page);
    if (help.childNodes.length) li.append(help);
    return li;
  };

  // The PACER account's points, each as the host says it (none from an older helper app): what is left
  // to do first, then what holds.
  const marks = { true: "ok", false: "todo", null: "unknown" };
  const account = [...(reply.account ?? [])].sort((a, b) => (a.ok === false ? 0 : 1) - (b.ok === false ? 0 : 1));
  $("account").append(
    ...account.map((point) => {
      const entry = element("li", marks[point.ok], point.text);
      entry.dataset.point = point.id;
      return entry;
    }),
  );

  const yours = reply.courts.filter((court) => court.yours);
  const others = reply.courts.filter((court) => !court.yours);
  $("yours").append(...yours.map((court) => item(court, true)));
  $("no-courts").hidden = yours.length > 0;
  $("data-date").textContent = words("dataDate", reply.data_date);

  // A court that files new cases outside CM/ECF (ACMS): its name and what that means, nothing to link.
  const elsewhere = (court) => {
    const li = element("li", "court elsewhere");
    li.dataset.court = court.id;
    li.append(element("div", "title", court.name), element("p", "next", court.note));
    return li;
  };

  // The other courts appear only as the user searches: about two hundred would bury their own.
  const search = () => {
    const query = $("search").value.trim().toLowerCase();
    const matches = (c) => query.length >= 2 && `${c.name} ${c.id}`.toLowerCase().includes(query);
    const found = others.filter(matches);
    const outside = (reply.elsewhere ?? []).filter(matches); // none from an older helper app
    $("others").replaceChildren(
      ...found.slice(0, 50).map((court) => item(court, true)),
      ...outside.map((court) => elsewhere(court)),
    );
    $("found").textContent =
      query.length < 2
        ? words("otherCourts", String(others.length))
        : words("found", String(found.length + outside.length));
  };
  $("search").addEventListener("input", search);
  search();
})();
