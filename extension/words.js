// The extension's own words: the few things it says by itself (the helper app unreachable,
// working, filled, a click or a fill refused and why) are in _locales/en/messages.json, read
// through the i18n API. Every other word the user reads comes from the host (guide.json).
"use strict";

// `words.given`: the panel's own words, as the background gave them with the page's answer.
const words = Object.assign(
  (name, ...substitutions) =>
    (substitutions.length ? undefined : words.given[name]) ??
    (globalThis.browser ?? globalThis.chrome).i18n.getMessage(name, substitutions),
  { given: Object.create(null) },
);
