/** The platform's one stylesheet, served at STYLESHEET_PATH. System fonts only: no third-party resources. */
export const STYLESHEET = `
:root {
  --ink: #0e0f0c; --muted: #454745; --line: #c9cbc6; --soft: #f2f4ef; --page: #f7f8f5;
  --brand: #163300; --accent: #9fe870; --accent-ink: #163300; --danger: #a8200d; --focus: #ffbf47;
  color-scheme: light;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; min-height: 100vh; background: var(--page); color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.shell { max-width: 30rem; margin: 0 auto; padding: 1.5rem 1rem 2rem; }
/* Issue 13, item 8: long words (emails, ids, URLs) wrap inside the card at 320 px rather than widen it. */
.card, .context, .notice, .summary { overflow-wrap: anywhere; min-width: 0; }
img, table, pre { max-width: 100%; }
.shell.wide { max-width: 72rem; }
.brand { display: flex; align-items: center; gap: .6rem; margin-bottom: 1.25rem; font-weight: 700; color: var(--brand); }
.brand-mark { width: 1.75rem; height: 1.75rem; border-radius: .5rem; background: var(--accent);
  box-shadow: inset -.45rem -.45rem 0 var(--brand); }
.card { background: #fff; border: 1px solid #e3e5df; border-radius: 1rem; padding: 1.75rem 1.5rem;
  box-shadow: 0 1px 2px rgba(14, 15, 12, .06), 0 8px 24px rgba(14, 15, 12, .05); }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 1.25rem; letter-spacing: -.01em; }
.context { margin: 0 0 .5rem; color: var(--muted); font-size: .95rem; }
p { margin: 0 0 1rem; }
.hint { color: var(--muted); font-size: .9rem; margin: 0 0 .35rem; }
.field { margin-bottom: 1.1rem; }
label { display: block; font-weight: 600; margin-bottom: .35rem; }
input[type=email], input[type=password], input[type=text], input[type=date] {
  display: block; width: 100%; font: inherit; padding: .7rem .8rem; min-height: 3rem;
  border: 2px solid var(--line); border-radius: .6rem; background: #fff; color: var(--ink);
}
input:hover { border-color: #8f918c; }
input[aria-invalid=true] { border-color: var(--danger); }
.code-input { font-size: 1.5rem !important; letter-spacing: .4em; max-width: 11rem; text-align: center; font-variant-numeric: tabular-nums; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 5px var(--ink); }
input:focus-visible { outline-offset: 0; }
.button { display: inline-flex; justify-content: center; align-items: center; width: 100%; min-height: 3rem;
  font: inherit; font-weight: 700; border-radius: 999px; padding: .7rem 1.25rem; cursor: pointer;
  border: 2px solid transparent; margin-top: .25rem; }
.button.primary { background: var(--accent); color: var(--accent-ink); }
.button.primary:hover { background: #8cd65c; }
.button.secondary { background: #fff; color: var(--brand); border-color: var(--brand); }
.button.secondary:hover { background: var(--soft); }
.actions { display: grid; gap: .75rem; margin-top: 1.5rem; }
@media (min-width: 30rem) { .actions { grid-template-columns: 1fr 1fr; } .actions .button { margin: 0; } }
.link-button { background: none; border: 0; padding: .25rem 0; font: inherit; color: var(--brand);
  text-decoration: underline; text-underline-offset: .15em; cursor: pointer; }
.link-button:hover { text-decoration-thickness: 2px; }
.inline-form { margin-top: 1.25rem; text-align: center; }
.signed-in { color: var(--muted); }
.error-summary { border: 3px solid var(--danger); border-radius: .6rem; padding: .9rem 1rem; margin-bottom: 1.25rem; }
.error-summary:focus { outline: 3px solid var(--focus); outline-offset: 2px; }
.error-summary h2 { font-size: 1.05rem; margin: 0 0 .4rem; }
.error-summary ul { margin: 0; padding-left: 1.1rem; }
.error-summary a { color: var(--danger); font-weight: 600; }
.field-error { color: var(--danger); font-weight: 600; margin: 0 0 .35rem; }
fieldset { border: 0; padding: 0; margin: 0 0 1rem; min-width: 0; }
legend { font-weight: 700; margin-bottom: .5rem; padding: 0; }
.choice { display: flex; gap: .75rem; align-items: center; font-weight: 400; padding: .8rem .9rem;
  border: 2px solid var(--line); border-radius: .6rem; margin-bottom: .5rem; cursor: pointer; }
.choice:has(input:checked) { border-color: var(--brand); background: var(--soft); }
.choice input { width: 1.25rem; height: 1.25rem; margin: 0; accent-color: var(--brand); flex: none; }
.choice-text { display: flex; flex-direction: column; }
.choice-name { font-weight: 600; }
.choice-meta { color: var(--muted); font-size: .9rem; }
.choice-row { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .5rem; }
.choice-row .choice { margin: 0; }
.group { border-top: 1px solid #e3e5df; padding-top: 1rem; margin-top: .5rem; }
.creator:has(#type-business:checked) .group-personal,
.creator:has(#type-personal:checked) .group-business { display: none; }
.creator:has(#type-personal:checked) .group-title, .creator:has(#type-business:checked) .group-title { display: none; }
.group-title { font-weight: 700; margin-bottom: .75rem; }
.disclosure { margin-top: 1.5rem; border-top: 1px solid #e3e5df; padding-top: 1rem; }
.disclosure summary { cursor: pointer; font-weight: 700; color: var(--brand); margin-bottom: 1rem; }
.summary { background: var(--soft); border-radius: .6rem; padding: .9rem 1rem; margin-bottom: 1.25rem; }
.summary-label { color: var(--muted); font-size: .85rem; margin: 0; text-transform: uppercase; letter-spacing: .04em; }
.summary-value { font-weight: 700; font-size: 1.15rem; margin: 0; }
.tag { display: inline-block; font-size: .75rem; font-weight: 600; background: #fff; border: 1px solid var(--line);
  border-radius: 999px; padding: .05rem .55rem; margin-left: .35rem; vertical-align: middle; }
.ticks { padding-left: 1.25rem; margin: 0 0 1rem; }
.ticks li { margin-bottom: .35rem; }
[hidden] { display: none !important; }
.after-form { text-align: center; margin: 1.25rem 0 0; }
.or { text-align: center; margin: 1.25rem 0 .5rem; color: var(--muted); }
.federated { margin: .5rem 0 0; }
.after-form a, .card p a { color: var(--brand); font-weight: 600; text-underline-offset: .15em; }
p.hint + form { margin-top: 1.25rem; }
.shown-code { font: 700 2.25rem/1.2 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; letter-spacing: .12em;
  text-align: center; background: var(--soft); border-radius: .6rem; padding: 1rem .5rem; margin: 0 0 1.25rem;
  user-select: all; }
.secret { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.partners { list-style: none; padding: 0; margin: 0 0 1rem; }
.partner { border: 1px solid #e3e5df; border-radius: .75rem; padding: 1rem; margin-bottom: .75rem; }
.partner-name { font-weight: 700; font-size: 1.1rem; margin: 0 0 .25rem; }
.partner .button { margin-top: .75rem; }
a.button { text-decoration: none; }
.notice { border-radius: .6rem; padding: .9rem 1rem; margin-bottom: 1.25rem; }
.notice p { margin: 0; }
.notice.success { background: #e2f6d5; border: 2px solid var(--brand); }
.links { padding-left: 1.25rem; } .links li { margin-bottom: .5rem; }
.facts dt { font-weight: 600; } .facts dd { margin: 0 0 .75rem; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .75rem; }
pre.document { white-space: pre-wrap; overflow-wrap: anywhere; font: .85rem/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.footer { color: var(--muted); font-size: .85rem; text-align: center; margin-top: 1.25rem; }
@media (max-width: 30rem) { .card { padding: 1.25rem 1rem; border-radius: .75rem; } h1 { font-size: 1.4rem; } }
@media (prefers-reduced-motion: no-preference) { .button { transition: background-color .15s; } }
`;
