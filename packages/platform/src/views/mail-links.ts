import { type Html, html } from '@account-access/kit';

/** An http(s) link in a mail's text part; nothing else (no `javascript:`, no `mailto:`) is ever a link. */
const LINK = /\bhttps?:\/\/[^\s<>"']+/g;
/** A sentence may end right after a link; its full stop is not part of it. */
const TRAILING = /[.,;:!?)]+$/;

/** Every http(s) link in a mail's text part, in order, each once (the outbox's `links`). */
export function linksIn(text: string): string[] {
  return [...new Set((text.match(LINK) ?? []).map((link) => link.replace(TRAILING, '')))];
}

/** A mail's text part with each of its links made a real link (the inspector's outbox), the rest escaped. */
export function textWithLinks(text: string): Html {
  const parts: (Html | string)[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const link = match[0].replace(TRAILING, '');
    parts.push(text.slice(last, match.index), html`<a href="${link}" rel="noreferrer">${link}</a>`);
    last = match.index + link.length;
  }
  parts.push(text.slice(last));
  return html`${parts}`;
}
