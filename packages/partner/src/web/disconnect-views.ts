import { html } from '@account-access/kit';
import { csrfField, layout, type PageContext } from './views.js';

/**
 * Disconnect, asked once more on its own page (issue 12, issue 13 item 7): what the bank loses, what the
 * customer keeps, and that connecting again is possible.
 */
export function confirmDisconnectPage(ctx: PageContext): string {
  return layout(
    'Disconnect your Wise account',
    ctx,
    html`<h1>Disconnect your Wise account?</h1>
<div class="card">
<p>Demo Bank will no longer be able to see or act on your Wise account.
We cancel our access at Wise and delete what we hold to reach it.</p>
<p class="muted">Your Wise account itself stays open, with its money and details. You can connect it again later.</p>
<form method="post" action="/wise/disconnect" class="actions">${csrfField(ctx)}
<button type="submit" class="danger">Disconnect</button>
<a href="/account">Keep it connected</a>
</form>
</div>`,
  );
}
