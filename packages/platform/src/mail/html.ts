import { escapeHtml } from '@account-access/kit';

export interface MailLayout {
  title: string;
  platformName: string;
  /** Already-escaped HTML of the message body. */
  body: string;
}

/**
 * The HTML alternative of every mail: one self-contained document, inline styles only (mail clients drop
 * style sheets), no images, fonts or other third-party resources, readable with styles off.
 */
export function mailHtml({ title, platformName, body }: MailLayout): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
</head>
<body style="margin:0;padding:24px;background:#f5f6f7;color:#1d2125;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
<p style="margin:0 0 16px;font-weight:600">${escapeHtml(platformName)}</p>
${body}
</div>
</body>
</html>
`;
}

/** A link drawn as a button, with the address spelled out below for clients that hide links. */
export function mailButton(href: string, label: string): string {
  const url = escapeHtml(href);
  return `<p style="margin:24px 0"><a href="${url}" style="display:inline-block;background:#163300;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(label)}</a></p>
<p style="margin:0 0 16px;font-size:14px;color:#454745">Or copy this address into your browser:<br><span style="word-break:break-all">${url}</span></p>`;
}
