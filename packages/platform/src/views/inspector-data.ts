/**
 * What the sandbox inspector shows (issue 11), as plain data: each section is what a sandbox service answers
 * (the same JSON a script gets from the control plane), or null when this platform has no such service.
 */

export interface InspectorProfile {
  id: number;
  type: string;
  name: string | null;
  verificationState: string;
}

export interface InspectorUser {
  id: number;
  email: string;
  state: string;
  createdByClientId: string | null;
  twoFactor: boolean;
  sandboxTotp: boolean;
  locked: boolean;
  reclaimed: boolean;
  /** Issue 16: provider identities linked to the account. */
  linkedIdentities: readonly { provider: string; email: string }[];
  profiles: readonly InspectorProfile[];
}

export interface InspectorClient {
  clientId: string;
  name: string;
  redirectUris: readonly string[];
  public: boolean;
}

export interface InspectorGrant {
  id: string;
  clientId: string;
  userId: number | null;
  grantType: string;
  profileIds: readonly number[];
  createdAt: string;
  refreshToken: { expiresAt: string | null; expired: boolean } | null;
  accessTokens: readonly { id: number; expiresAt: string }[];
}

export interface InspectorMail {
  id: number;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
  deliveredAt: string | null;
}

export interface InspectorDelivery {
  deliveryId: string;
  clientId: string;
  eventType: string;
  url: string;
  test: boolean;
  status: string;
  createdAt: string;
  nextAttemptAt: string | null;
  attempts: readonly { attempt: number; attemptedAt: string; status: number | null; error: string | null }[];
}

export interface InspectorDocument {
  id: number;
  profileId: number;
  clientId: string;
  type: string;
  identifierLastDigits: string;
  firstName: string | null;
  lastName: string | null;
  createdAt: string;
}

export interface InspectorRequest {
  id: string | number;
  at: string;
  method: string;
  path: string;
  status: number;
  clientId: string | null;
  durationMs: number;
}

export interface InspectorFault {
  id: string | number;
  method: string;
  path: string;
  /** Null for a delay only (the real answer, late) or a dropped connection. */
  status: number | null;
  delayMs?: number | null | undefined;
  drop?: boolean | null | undefined;
  remaining: number;
}

export interface InspectorClock {
  now: string;
  offsetSeconds: number;
}

export interface InspectorData {
  /** The CSRF token every form of the page carries. */
  csrf: string;
  /** A fixed message after an action (post/redirect/get), never text that was typed. */
  notice: string | null;
  /** The logout form, for a browser let in by its login with the sandbox key; null otherwise. */
  logout?: { action: string; csrf: string } | null;
  clock: InspectorClock | null;
  users: readonly InspectorUser[] | null;
  clients: readonly InspectorClient[] | null;
  grants: readonly InspectorGrant[] | null;
  outbox: readonly InspectorMail[];
  webhooks: readonly InspectorDelivery[];
  documents: readonly InspectorDocument[];
  requests: readonly InspectorRequest[] | null;
  faults: readonly InspectorFault[] | null;
}

/** Where the page's forms post: one path per action, the form-encoded twin of a control-plane call. */
export const INSPECTOR_ACTIONS = {
  revokeGrant: (id: string) => `/_sandbox/inspector/grants/${encodeURIComponent(id)}/revoke`,
  expireGrant: (id: string) => `/_sandbox/inspector/grants/${encodeURIComponent(id)}/expire`,
  unlockUser: (email: string) => `/_sandbox/inspector/users/${encodeURIComponent(email)}/unlock`,
  redeliver: (deliveryId: string) =>
    `/_sandbox/inspector/webhooks/${encodeURIComponent(deliveryId)}/redeliver`,
  clock: '/_sandbox/inspector/clock',
  clearFaults: '/_sandbox/inspector/faults/clear',
} as const;
