import { fileURLToPath } from 'node:url';
import { Clock, startTestPartner } from '@account-access/partner/testing';
import {
  applySeed,
  DEMO_SEED,
  type PlatformSettings,
  readSeedFile,
  seedCredentials,
  seedProfiles,
} from '@account-access/platform';
import {
  ARTIFACTS,
  launchChromium,
  saveScreenshot,
  startTestPlatform,
  type TestPlatform,
} from '@account-access/platform/testing';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

export { ARTIFACTS };

type RunningTestPartner = Awaited<ReturnType<typeof startTestPartner>>;

/** Platform, partner and a browser, wired as `npm start` wires them, on ephemeral ports. */
export interface World {
  platform: TestPlatform;
  partner: RunningTestPartner;
  browser: Browser;
  /** Moves the platform's and the partner's clocks together. */
  advance(seconds: number): void;
  /** A fresh browser context (its own cookies) and page; `options` add to it (a time zone, no scripts). */
  page(options?: BrowserContextOptions): Promise<Page>;
  /** Saves a full-page screenshot to test-artifacts/e2e-<name>.png when asked (`TEST_SCREENSHOTS=1`). */
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the platform with the demo seed (its client's redirect URI pointed at this partner), the partner
 * with its demo customers and the demo client's credentials, and a headless Chromium (the process's own,
 * shared with the other files of the process; this world's contexts are its own).
 */
export async function startWorld(options: { platformSettings?: PlatformSettings } = {}): Promise<World> {
  // Taken first, so the browser the previous file of this process let go of is still open (issue 14).
  const browser = await launchChromium();
  try {
    return await startServers(browser, options);
  } catch (error) {
    await browser.close();
    throw error;
  }
}

async function startServers(
  browser: Browser,
  options: { platformSettings?: PlatformSettings },
): Promise<World> {
  // Both listen on port 0, bound by the servers themselves; their URLs name the ports the system chose.
  const platform = await startTestPlatform(
    options.platformSettings ? { settings: options.platformSettings } : {},
  );
  // The partner's clock starts where the platform's is, so token lifetimes agree.
  const clock = new Clock(platform.clock.now().toISOString());
  const seed = await readSeedFile(fileURLToPath(DEMO_SEED));
  const demo = seed.clients![0]!;
  const partner = await startTestPartner({
    clock,
    settings: {
      platformUrl: platform.url,
      clientId: demo.clientId,
      clientSecret: demo.clientSecret!,
      // Unset, so the redirect URI is the partner's own <public url>/wise/callback, as `npm start` has it.
      redirectUri: undefined,
    },
  });
  // The demo client's redirect URI points at this partner, registered before any browser is started.
  await applySeed(
    platform.platform,
    {
      clients: [{ ...demo, redirectUris: [partner.partner.config.wise.redirectUri] }],
      users: seed.users ?? [],
    },
    [seedCredentials, seedProfiles],
  );
  return {
    platform,
    partner,
    browser,
    advance(seconds) {
      platform.clock.advance(seconds);
      clock.advance(seconds);
    },
    async page(options = {}) {
      const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, ...options });
      return context.newPage();
    },
    async shot(page, name) {
      await saveScreenshot(page, `${ARTIFACTS}e2e-${name}.png`);
    },
    async close() {
      await browser.close();
      await partner.close();
      await platform.close();
    },
  };
}
