import { type Html, html } from './html.js';

/** One problem of a submitted form: its words and, when it is about one field, that field's id. */
export interface SummaryItem {
  readonly text: Html | string;
  readonly field?: string | undefined;
}

/**
 * The error summary of both servers' forms (issue 13, GOV.UK Design System "Error summary"): a box at the
 * top with role=alert and the heading "There is a problem", one link per problem to its field (`#id`), and
 * focused on load (`autofocus` on a `tabindex=-1` box: no script, which neither server's CSP allows), so a
 * screen reader reads it first and a keyboard user starts there. Nothing when there is no problem.
 */
export function errorSummary(items: readonly SummaryItem[]): Html {
  if (items.length === 0) return html``;
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
  <h2 id="error-summary-title">There is a problem</h2>
  <ul>${items.map((e) => html`<li>${e.field ? html`<a href="#${e.field}">${e.text}</a>` : e.text}</li>`)}</ul>
</div>`;
}
