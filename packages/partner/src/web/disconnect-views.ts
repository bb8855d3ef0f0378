import { html } from '@account-access/kit';
import { csrfField, layout, type PageContext } from './views.js';

/**
 * Disconnect, asked once more on its own page (issue 12, issue 13 item 7): what the bank loses, what the
 * customer keeps, and that connecting again is possible.
 */
export function confirmDisconnectPage(ctx: PageContext): string {
  const provider = ctx.provider;
  return layout(
    `Disconnect your ${provider} account`,
    ctx,
    html`<h1>Disconnect your ${provider} account?</h1>
<div class="card">
<p>Demo Bank will no longer be able to see or act on your ${provider} account.
We cancel our access at ${provider} and delete what we hold to reach it.</p>
<p class="muted">Your ${provider} account itself stays open, with its money and details. You can connect it again later.</p>
<form method="post" action="/wise/disconnect" class="actions">${csrfField(ctx)}
<button type="submit" class="danger">Disconnect</button>
<a href="/account">Keep it connected</a>
</form>
</div>`,
  );
}
