import { html } from '@account-access/kit';
import { csrfField, fieldError, invalidAttrs, layout, type PageError } from './layout.js';

export interface SandboxLoginView {
  action: string;
  csrf: string;
  /** False when the platform has no sandbox key: nobody can log in, only loopback development works. */
  keyConfigured: boolean;
  errors?: PageError[];
}

/** Issue 11 "Locked": the inspector's login form. The key is typed like a password and never echoed. */
export function sandboxLoginPage(v: SandboxLoginView): string {
  if (!v.keyConfigured)
    return layout({
      title: 'Sandbox inspector',
      body: html`<p>This platform has no sandbox key (<code>PLATFORM_SANDBOX_KEY</code>), so the sandbox control plane answers only requests made on this machine in development mode.</p>
<p class="hint">Set a key and restart to open the inspector from elsewhere.</p>`,
    });
  return layout({
    title: 'Sandbox inspector',
    ...(v.errors ? { errors: v.errors } : {}),
    body: html`<p>Enter the sandbox key (<code>PLATFORM_SANDBOX_KEY</code>) to open the sandbox control plane.</p>
<form method="post" action="${v.action}" novalidate>
  ${csrfField(v.csrf)}
  <div class="field">
    <label for="key">Sandbox key</label>
    ${fieldError(v.errors, 'key')}
    <input id="key" name="key" type="password" autocomplete="current-password" spellcheck="false" autocapitalize="none" required${invalidAttrs(v.errors, 'key')}>
  </div>
  <button type="submit" class="button primary">Open the inspector</button>
</form>`,
  });
}
