/**
 * The partner's catalogue of refusals: every page error the web app shows, with its status and plain
 * words, in one place. Routes throw `pageError(code)`; the app's one error handler renders it.
 */
export const PAGE_ERRORS = {
  csrf_failed: {
    status: 403,
    title: 'Request refused',
    message: 'This form has expired. Go back, reload the page and try again.',
  },
  not_found: { status: 404, title: 'Not found', message: 'There is no such page.' },
  sign_in_required: { status: 401, title: 'Please sign in', message: 'Sign in to see your account.' },
  unknown_customer: { status: 400, title: 'Sign-in refused', message: 'There is no such customer.' },
  no_link_record: {
    status: 500,
    title: 'Something went wrong',
    message: 'Your account has no connection record.',
  },
  bad_request: { status: 400, title: 'Request refused', message: 'The request was not understood.' },
  // Issue 12: PostgreSQL refuses 0x00 in text, and half of a surrogate pair has no UTF-8 form.
  unstorable: {
    status: 400,
    title: 'Request refused',
    message:
      'The request contains characters that are not allowed (a NUL character or half of a UTF-16 surrogate pair).',
  },
} as const satisfies Record<string, { status: number; title: string; message: string }>;

export type PageErrorCode = keyof typeof PAGE_ERRORS;

/** A refused request: rendered as a plain page with this status, never a stack trace. */
export class PageError extends Error {
  readonly status: number;
  readonly title: string;
  constructor(readonly code: PageErrorCode) {
    const entry = PAGE_ERRORS[code];
    super(entry.message);
    this.status = entry.status;
    this.title = entry.title;
  }
}

export const pageError = (code: PageErrorCode) => new PageError(code);
