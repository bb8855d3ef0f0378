import { randomBytes } from 'node:crypto';
import type { WiseClient } from '@account-access/client';
import type { Database } from '@account-access/db';
import { postgresDatabase } from '@account-access/db';
import { cloneTemplate } from '@account-access/db/testing';
import { loadPartnerConfig, type PartnerSettings } from '../config/config.js';
import { createPartner, type Partner } from '../context.js';
import { applyPartnerSeed, readPartnerSeed } from '../seed.js';
import { type RunningPartner, startPartner } from '../server.js';

/** A fresh, migrated partner database for one test: a clone of the run's template. */
export function partnerDatabase(): Promise<Database> {
  return cloneTemplate('PARTNER');
}

/**
 * A fresh partner database on the PostgreSQL server of DATABASE_URL, by URL, so that several pools (or
 * processes) can open it, as several partner instances would. Only when the run is on PostgreSQL.
 */
export async function partnerDatabaseUrl(): Promise<{
  url: string;
  open(): Database;
  drop(): Promise<void>;
}> {
  const adminUrl = process.env['DATABASE_URL'];
  const template = process.env['PARTNER_TEST_PG_TEMPLATE'];
  if (!adminUrl || !template) throw new Error('partnerDatabaseUrl needs DATABASE_URL and `npm test`');
  const name = `aa_test_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const server = postgresDatabase(adminUrl, 1);
    await server.query(sql).finally(() => server.close());
  };
  await admin(`create database ${name} template ${template}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  return {
    url,
    open: () => postgresDatabase(url, 4),
    drop: () => admin(`drop database if exists ${name} with (force)`),
  };
}

export const key = () => randomBytes(32).toString('base64');

/** A test clock: time moves only when the test says. */
export class Clock {
  private t: number;
  constructor(start = '2026-11-23T10:00:00.000Z') {
    this.t = new Date(start).getTime();
  }
  readonly now = () => new Date(this.t);
  advance(seconds: number) {
    this.t += seconds * 1000;
  }
}

export function testConfig(settings: PartnerSettings = {}) {
  return loadPartnerConfig({
    env: {},
    overrides: {
      mode: 'test',
      port: 0,
      host: '127.0.0.1',
      vaultKeys: `t1:${key()}`,
      sessionSecret: randomBytes(32).toString('base64url'),
      clientId: 'test-bank',
      clientSecret: 'test-bank-secret',
      platformUrl: 'http://platform.invalid',
      redirectUri: 'https://bank.example/callback',
      demo: true,
      ...settings,
    },
  });
}

/** A partner over a fresh database, seeded with the demo customers; not listening. */
export async function testPartner(
  options: { settings?: PartnerSettings; client?: WiseClient; clock?: Clock; db?: Database } = {},
): Promise<Partner & { clock: Clock; close(): Promise<void> }> {
  const db = options.db ?? (await partnerDatabase());
  const clock = options.clock ?? new Clock();
  const partner = createPartner(testConfig(options.settings), db, {
    now: clock.now,
    ...(options.client ? { client: options.client } : {}),
  });
  await applyPartnerSeed(partner.stores.customers, await readPartnerSeed());
  return { ...partner, clock, close: () => (options.db ? Promise.resolve() : db.close()) };
}

/** The partner listening on an ephemeral port, seeded. */
export async function startTestPartner(
  options: { settings?: PartnerSettings; clock?: Clock; client?: WiseClient; db?: Database } = {},
): Promise<RunningPartner & { clock: Clock; db: Database }> {
  const db = options.db ?? (await partnerDatabase());
  const clock = options.clock ?? new Clock();
  const running = await startPartner(testConfig(options.settings), {
    db,
    now: clock.now,
    ...(options.client ? { client: options.client } : {}),
  });
  await applyPartnerSeed(running.partner.stores.customers, await readPartnerSeed());
  return {
    ...running,
    clock,
    db,
    async close() {
      await running.close();
      await db.close();
    },
  };
}
