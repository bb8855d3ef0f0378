import { describeArchitecture } from '@account-access/kit/testing';

/** The platform's layers, bottom first (docs/architecture.md "Layers (platform)"). */
describeArchitecture({
  src: new URL('../src/', import.meta.url),
  layers: [
    { name: 'foundations', units: ['config', 'crypto', 'errors'], sideways: 'none' },
    { name: 'store', units: ['store'], sideways: 'none' },
    // Issue 15: the metrics are made with the platform and counted by services, so they sit just below it.
    { name: 'metrics', units: ['metrics.ts'], sideways: 'none' },
    { name: 'platform', units: ['context.ts'], sideways: 'none' },
    {
      name: 'services',
      units: ['clients', 'seed.ts', 'profiles', 'verification', 'webhooks', 'auth', 'mail', 'federated'],
      sideways: 'acyclic',
    },
    // Views are pure functions of plain data; they may use a service's rules (the profile module's limits).
    { name: 'views', units: ['views'], sideways: 'none' },
    { name: 'http', units: ['http'], sideways: 'none' },
    {
      name: 'features',
      units: ['oauth', 'interaction', 'email-code', 'account', 'api', 'sandbox', 'simulation', 'home'],
      sideways: 'none',
    },
    { name: 'app', units: ['app.ts'], sideways: 'none' },
    {
      name: 'entry points',
      units: ['server.ts', 'openapi-document.ts', 'index.ts', 'testing'],
      sideways: 'acyclic',
    },
  ],
});
