import { errorSummary, escapeHtml, FAVICON_SVG_PATH, Html, html } from '@account-access/kit';
import { LOCAL_TIME_SCRIPT_PATH } from './local-time.js';

/** The stylesheet's URL; served by the platform itself (no third-party resources). */
export const STYLESHEET_PATH = '/assets/platform.css';

export interface PageError {
  message: string;
  /** The id of the field the message is about: the summary links to it. */
  field?: string;
  /** When the person may try again (ISO 8601, issue 12): shown as a `<time>` after the message. */
  retryAt?: string;
}

/** `2026-12-02T06:01:02.345Z` → `06:01:02 UTC on 2026-12-02`, the words inside `<time datetime>`. */
function utcWords(iso: string): string {
  return `${iso.slice(11, 19)} UTC on ${iso.slice(0, 10)}`;
}

/** A message, with "You can try again at <time>." when it carries a retry time. */
function errorText(e: PageError): Html {
  return e.retryAt
    ? html`${e.message} You can try again at <time datetime="${e.retryAt}">${utcWords(e.retryAt)}</time>.`
    : html`${e.message}`;
}

export interface Page {
  title: string;
  /** A line above the title, e.g. which partner asked. */
  context?: Html | string;
  errors?: PageError[];
  body: Html;
  /** A page of tables (the landing page, the sandbox inspector) instead of one narrow card. */
  wide?: boolean;
  /** More of the platform's own stylesheets, after the main one. */
  stylesheets?: readonly string[];
  /** Replaces the hosted pages' footer (which speaks to a person about to sign in). */
  footer?: string;
}

/**
 * Where the platform's name (`PLATFORM_NAME`) goes on every page: marked by comments, which no escaped value
 * can write (the `html` template escapes `<`), and filled per platform by `namePlatform` as the page is sent,
 * so the views stay plain functions of their data. Unfilled, it reads as the default name.
 */
const NAME_OPEN = '<!--platform-name-->';
const NAME_CLOSE = '<!--/platform-name-->';
const PLATFORM_NAME_SLOT = new Html(`${NAME_OPEN}Account access${NAME_CLOSE}`);
const NAME_SLOTS = new RegExp(`${NAME_OPEN}.*?${NAME_CLOSE}`, 'g');

/** A rendered page with this platform's name in its slots. */
export function namePlatform(page: string, name: string): string {
  const escaped = escapeHtml(name);
  return page.replace(NAME_SLOTS, () => escaped);
}

export function layout(page: Page): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${page.errors?.length ? 'Error: ' : ''}${page.title} · ${PLATFORM_NAME_SLOT}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
<link rel="icon" href="${FAVICON_SVG_PATH}" type="image/svg+xml">
${(page.stylesheets ?? []).map((href) => html`<link rel="stylesheet" href="${href}">`)}
${page.errors?.some((e) => e.retryAt) ? html`<script src="${LOCAL_TIME_SCRIPT_PATH}" defer></script>` : ''}
</head>
<body>
<div class="shell${page.wide ? ' wide' : ''}">
<header class="brand"><span class="brand-mark" aria-hidden="true"></span><span class="brand-name">${PLATFORM_NAME_SLOT}</span></header>
<main class="card" id="main">
${page.context ? html`<p class="context">${page.context}</p>` : ''}
<h1>${page.title}</h1>
${errorSummary((page.errors ?? []).map((e) => ({ text: errorText(e), field: e.field })))}
${page.body}
</main>
<footer class="footer"><p>${page.footer ?? "You are on the account provider's own site. Never share your password with the partner."}</p></footer>
</div>
</body>
</html>
`.value;
}

/** The hidden CSRF field every form carries. */
export const csrfField = (token: string) => html`<input type="hidden" name="csrf" value="${token}">`;

/** Attributes that tie a field to its error message. */
export function fieldError(errors: PageError[] | undefined, field: string): Html {
  const error = errors?.find((e) => e.field === field);
  return error ? html`<p class="field-error" id="${field}-error">${errorText(error)}</p>` : html``;
}

export function invalidAttrs(errors: PageError[] | undefined, field: string): Html {
  return errors?.some((e) => e.field === field)
    ? html` aria-invalid="true" aria-describedby="${field}-error"`
    : html``;
}

/** The email field of the login and forgot-password pages (contract §4, §7): one markup, one autocomplete. */
export function emailField(errors: PageError[] | undefined, email: string | undefined): Html {
  return html`<div class="field">
    <label for="email">Email address</label>
    ${fieldError(errors, 'email')}
    <input id="email" name="email" type="email" autocomplete="username" spellcheck="false" autocapitalize="none" required value="${email ?? ''}"${invalidAttrs(errors, 'email')}>
  </div>`;
}
