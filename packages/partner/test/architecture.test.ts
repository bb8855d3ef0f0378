import { describeArchitecture } from '@account-access/kit/testing';

/** The partner's layers, bottom first (docs/architecture.md "Layers (partner)"). */
describeArchitecture({
  src: new URL('../src/', import.meta.url),
  layers: [
    // The vault's cipher reads its key ring's type from config; the link state machine is plain data.
    { name: 'foundations', units: ['config', 'vault', 'link-states.ts'], sideways: 'acyclic' },
    { name: 'store', units: ['store'], sideways: 'none' },
    { name: 'services', units: ['onboarding', 'keys', 'webhooks', 'seed.ts'], sideways: 'none' },
    { name: 'partner', units: ['context.ts'], sideways: 'none' },
    { name: 'web', units: ['web'], sideways: 'none' },
    { name: 'entry points', units: ['server.ts', 'index.ts', 'testing'], sideways: 'acyclic' },
  ],
  // The test helpers create and drop whole test databases on the PostgreSQL server: no application data.
  sqlAllowed: { testing: 'creating and dropping test databases' },
});
