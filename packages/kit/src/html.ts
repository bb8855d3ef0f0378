/**
 * HTML built from tagged templates, for both servers' pages and the platform's mail: every interpolated
 * value is escaped (the five characters of the HTML spec's "escaping a string" for attribute and text
 * contexts) unless it is already `Html`, so a view cannot forget to escape.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** What a template may interpolate: text, numbers, `Html`, nothing (null, undefined, false), or lists of them. */
export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}
