import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Screenshots of browser tests go here (the repository's test-artifacts/, not committed). */
export const ARTIFACTS = fileURLToPath(new URL('../../../../test-artifacts/', import.meta.url));

/**
 * Whether browser tests save their screenshots: only when asked (`TEST_SCREENSHOTS=1`). They are for people to
 * look at, no test reads them, and a full-page PNG per step was a large share of the browser tests' CPU (issue 14).
 */
export const SCREENSHOTS_WANTED = process.env.TEST_SCREENSHOTS === '1';

/** Saves a full-page screenshot of `page` to `path` when screenshots are wanted; otherwise does nothing. */
export async function saveScreenshot(
  page: Page,
  path: string,
  options: { timeout?: number } = {},
): Promise<void> {
  if (!SCREENSHOTS_WANTED) return;
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: true, ...options });
}

/** How long the shared browser outlives its last user, so the next file of the same process finds it open. */
const IDLE_CLOSE_MS = 2_000;

let shared: Promise<Browser> | undefined;
let users = 0;
let idle: NodeJS.Timeout | undefined;

/**
 * Debian's Chromium, headless. The background-networking flags keep it from calling out to the network this
 * machine does not have.
 */
function launch(): Promise<Browser> {
  // Loaded here, not on import: playwright-core is a development dependency, and the built `./testing`
  // entry must load without it for tests that never open a browser.
  const launched = import('playwright-core').then(({ chromium }) =>
    chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    }),
  );
  // A browser that crashed or was closed is not handed out again; the next caller launches a new one.
  void launched.then(
    (browser) =>
      browser.once('disconnected', () => {
        if (shared === launched) shared = undefined;
      }),
    () => {},
  );
  return launched;
}

/**
 * The test process's Chromium, launched on first use and shared by the test files of the process (issue 14:
 * files share processes, and a launch per file was seconds of CPU each). What is returned is this caller's
 * view of it: contexts and pages opened through it are its own, and its `close()` closes only those — each
 * test still works in fresh contexts, with their own cookies. The browser itself closes once no caller holds
 * it for a moment, since an open browser would keep the test process from exiting.
 */
export async function launchChromium(): Promise<Browser> {
  if (idle) clearTimeout(idle);
  idle = undefined;
  users += 1;
  shared ??= launch();
  let browser: Browser;
  try {
    browser = await shared;
  } catch (error) {
    users -= 1;
    shared = undefined;
    throw error;
  }
  const mine = new Set<BrowserContext>();
  let closed = false;
  const own = (context: BrowserContext): BrowserContext => {
    mine.add(context);
    context.once('close', () => mine.delete(context));
    return context;
  };
  return new Proxy(browser, {
    get(target, property, receiver) {
      if (property === 'newContext') {
        return async (...args: Parameters<Browser['newContext']>) => own(await target.newContext(...args));
      }
      if (property === 'newPage') {
        return async (...args: Parameters<Browser['newPage']>) => {
          const page = await target.newPage(...args);
          own(page.context());
          return page;
        };
      }
      if (property === 'contexts') return () => [...mine];
      if (property === 'close') {
        return async () => {
          if (closed) return;
          closed = true;
          await Promise.all([...mine].map((context) => context.close()));
          release();
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function release(): void {
  users -= 1;
  if (users > 0) return;
  const closing = shared;
  idle = setTimeout(() => {
    idle = undefined;
    if (users > 0 || shared !== closing) return;
    shared = undefined;
    void closing?.then((browser) => browser.close()).catch(() => {});
  }, IDLE_CLOSE_MS);
}

/** A partner's callback: a tiny server that records what the platform sent the browser back with. */
export async function partnerCallback(): Promise<{ server: Server; url: string; hits: URL[] }> {
  const hits: URL[] = [];
  const server = createServer((req, res) => {
    hits.push(new URL(req.url ?? '/', 'http://partner'));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html lang="en"><title>Partner</title><h1>Back at the partner</h1></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/callback`, hits };
}
