"""What the host remembers about the browser's tabs between messages: one bounded, resettable
object. Nothing in it is a secret; it is lost when the browser closes the native port."""

from __future__ import annotations

from collections import OrderedDict


class TabMemory:
    """Per tab: the page each frame shows and the kind it was recognised as, whether its court was
    linked before it, the last step kind seen for each court, the action its overlay offers, an
    action granted whose result is awaited, the PACER username its sign-in is for (once PACER
    accepted it), and the click on its hint's target that counts as a Skip. Each table keeps its
    newest `limit` entries."""

    def __init__(self, limit: int = 512) -> None:
        self.limit = limit
        self.reset()

    def reset(self) -> None:
        self._pages: OrderedDict[tuple[int, int], tuple[str | None, str | None]] = OrderedDict()
        self._linked_before: OrderedDict[tuple[int, int], tuple[str | None, bool]] = OrderedDict()
        self._steps: OrderedDict[tuple[str, int], str] = OrderedDict()
        self._offers: OrderedDict[int, tuple[str, str] | None] = OrderedDict()
        self._granted: OrderedDict[int, tuple[str | None, str]] = OrderedDict()
        self._usernames: OrderedDict[int, str] = OrderedDict()
        self._watched: OrderedDict[int, tuple[str | None, str, str]] = OrderedDict()

    def _put(self, table: OrderedDict, key, value):
        """`value` under `key` as the newest entry; returns the value it replaced."""
        replaced = table.pop(key, None)
        table[key] = value
        while len(table) > self.limit:
            table.popitem(last=False)
        return replaced

    def page_loaded(self, tab: int, frame: int, url: str | None) -> None:
        """A new document announced itself: nothing is recognised on it yet."""
        self._put(self._pages, (tab, frame), (url, None))

    def page_seen(self, tab: int, frame: int, url: str | None, kind: str) -> bool:
        """The document was recognised as `kind`; True when it had already been (its facts changed,
        its kind did not), which is not a new step."""
        return self._put(self._pages, (tab, frame), (url, kind)) == (url, kind)

    def linked_before(self, tab: int, frame: int, url: str | None, found: bool | None) -> bool:
        """Whether the document's court was linked before it first reported: what its first report
        `found` is kept; a report again (None) gets the kept value, so its hint does not change."""
        if found is None:
            return self._linked_before.get((tab, frame)) == (url, True)
        self._put(self._linked_before, (tab, frame), (url, found))
        return found

    def page(self, tab: int, frame: int = 0) -> tuple[str | None, str | None] | None:
        """(url, kind) of what the frame shows, as last recognised."""
        return self._pages.get((tab, frame))

    def step(self, court_id: str, tab: int, kind: str) -> str | None:
        """Note the step kind seen for this court in this tab; returns the kind seen before it."""
        return self._put(self._steps, (court_id, tab), kind)

    def offer(self, tab: int, url: str | None, action: str | None) -> None:
        """The action button the tab's overlay now offers on `url` (None: no button)."""
        self._put(self._offers, tab, (url, action) if action else None)

    def offers(self, tab: int, url: str | None, action: str) -> bool:
        return self._offers.get(tab) == (url, action)

    def grant(self, tab: int, url: str | None, action: str) -> None:
        self._put(self._granted, tab, (url, action))

    def take_grant(self, tab: int, url: str | None, action: str) -> bool:
        """True, once, if exactly this action was granted on this tab's page."""
        return self._granted.pop(tab, None) == (url, action)

    def username(self, tab: int, kind: str, read: str = "") -> str:
        """The PACER username signing in on this tab. On the login page, none: a sign-in starts
        (another person's, maybe), and a name typed there is not yet one PACER accepted. On the
        steps after it, `read` from the page, else the one read at an earlier step of this sign-in
        (a prompt may hide the field)."""
        if kind == "pacer_login":
            self._usernames.pop(tab, None)
            return ""
        if read:
            self._put(self._usernames, tab, read)
            return read
        return self._usernames.get(tab, "")

    def watch(self, tab: int, url: str | None, prompt: str | None, username: str = "") -> None:
        """A click on the tab's hint target counts as a Skip of `prompt` for `username` (None: nothing does)."""
        if prompt and username:
            self._put(self._watched, tab, (url, prompt, username))
        else:
            self._watched.pop(tab, None)

    def take_click(self, tab: int, url: str | None) -> tuple[str, str] | None:
        """(prompt, username) once, for a click on the target of the hint this page was given."""
        watched = self._watched.get(tab)
        if watched is None or watched[0] != url:
            return None
        del self._watched[tab]
        return watched[1], watched[2]
