/** The bank's own stylesheet, served from /static/app.css (no third-party resources, CSP `style-src 'self'`). */
export const STYLESHEET = `
:root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --brand: #0b5cad; --brand-ink: #fff;
  --ok: #116329; --warn: #9a6700; --bad: #a40e26; --bg: #f6f8fa; --card: #fff; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
body { margin: 0; line-height: 1.5; }
a { color: var(--brand); }
a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
.skip { position: absolute; left: -9999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
header.bar { background: var(--brand); color: var(--brand-ink); padding: .75rem 1.25rem; display: flex;
  justify-content: space-between; align-items: center; gap: 1rem; flex-wrap: wrap; }
header.bar a { color: var(--brand-ink); font-weight: 600; text-decoration: none; }
header.bar form { margin: 0; }
main { max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
main, .card, .notice, .error { overflow-wrap: anywhere; }
img, table { max-width: 100%; }
/* The admin table needs more room than the customer pages. */
main:has(table) { max-width: 64rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1.25rem 1.5rem; margin-bottom: 1.25rem; }
h1 { font-size: 1.6rem; margin: 0 0 1rem; } h2 { font-size: 1.2rem; margin: 0 0 .75rem; }
.muted { color: var(--muted); }
button, .button { font: inherit; font-weight: 600; border: 0; border-radius: 6px; padding: .6rem 1.1rem;
  background: var(--brand); color: var(--brand-ink); cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary { background: transparent; color: inherit; border: 1px solid currentColor; }
.status, .verification { display: inline-block; border-radius: 999px; padding: .1rem .7rem; font-weight: 600; font-size: .95rem; }
.status.ok, .verification.ok { background: #dafbe1; color: var(--ok); }
.status.wait, .verification.wait { background: #fff8c5; color: var(--warn); }
.status.bad { background: #ffebe9; color: var(--bad); }
.status.off { background: #eaeef2; color: var(--muted); }
.notice { border-left: 4px solid var(--warn); background: #fff8c5; padding: .75rem 1rem; border-radius: 4px; }
.notice.ok { border-left-color: var(--ok); background: #dafbe1; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; margin: 1rem 0 0; }
a.button.secondary { background: transparent; color: var(--brand); border: 1px solid currentColor; }
button.danger { background: var(--bad); }
.error { border-left: 4px solid var(--bad); background: #ffebe9; padding: .75rem 1rem; border-radius: 4px; }
/* The error summary (GOV.UK pattern, kit's errorSummary): focused on load, so its focus ring shows. */
.error-summary { border: 4px solid var(--bad); background: var(--card); border-radius: 6px; padding: 1rem 1.25rem; margin-bottom: 1.25rem; }
.error-summary:focus { outline: 3px solid #f2a900; outline-offset: 0; }
.error-summary h2 { margin: 0 0 .5rem; }
.error-summary ul { margin: 0; padding-left: 1.1rem; }
.error-summary a { color: var(--bad); font-weight: 600; }
.field-error { color: var(--bad); font-weight: 600; margin: 0 0 .35rem; }
input[type=text][aria-invalid=true] { border: 2px solid var(--bad); }
ul.people { list-style: none; padding: 0; margin: 0; }
ul.people li { border-top: 1px solid var(--line); padding: .75rem 0; display: flex; justify-content: space-between; gap: 1rem; align-items: center; }
/* Issue 13, item 8: a long email wraps inside the card instead of pushing the Sign in button past it. */
ul.people li > div { min-width: 0; overflow-wrap: anywhere; }
ul.people li:first-child { border-top: 0; }
ul.people li form { flex: none; }
ul.people li button { white-space: nowrap; }
label { display: block; font-weight: 600; margin-bottom: .35rem; }
input[type=text] { font: inherit; font-size: 1.3rem; letter-spacing: .15em; padding: .5rem .75rem; border: 1px solid var(--muted);
  border-radius: 6px; width: 100%; max-width: 16rem; text-transform: uppercase; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
.table-wrap { overflow-x: auto; }
.table-wrap:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
td.nowrap { white-space: nowrap; }
td.wide { min-width: 12rem; }
th, td { text-align: left; padding: .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .25rem 1rem; margin: 0; } dt { color: var(--muted); }
dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
/* On a phone the terms sit above their values: beside them an email would break mid-word at 390 px. */
@media (max-width: 30rem) { dl { grid-template-columns: minmax(0, 1fr); gap: 0; } dd { margin-bottom: .5rem; } }
`;
