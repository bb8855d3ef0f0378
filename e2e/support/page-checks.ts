import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ARTIFACTS, saveScreenshot } from '@account-access/platform/testing';
import type { Page } from 'playwright-core';

/** Screenshots of the layout crawl, `<page>-<width>.png`, beside the other browser tests' (not committed; saved
 * only with `TEST_SCREENSHOTS=1`). */
export const SCREENSHOTS = `${ARTIFACTS}layout/`;

/** Issue 13, item 8: a common phone and a desktop, screenshotted; 320 px, the narrowest we design for, measured. */
export const WIDTHS = [390, 1280] as const;
const NARROWEST = 320;

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** What the crawl found wrong with one page. */
export interface PageProblems {
  /** `name@width: scrollWidth > innerWidth`, for each width the page is wider than the viewport. */
  overflow: string[];
  /** `name: rule (impact): first offending selector`, for each serious or critical axe violation. */
  axe: string[];
}

/**
 * Checks the page now shown at each width: no horizontal scrolling of the document (issue 13: a table may
 * scroll inside its own wrapper), and at 390 and 1280 px a full-page screenshot and axe-core's rules, serious and
 * critical violations only (issue 13, "Tests" → Accessibility).
 */
export async function checkPage(page: Page, name: string, problems: PageProblems): Promise<void> {
  for (const width of [NARROWEST, ...WIDTHS]) {
    await page.setViewportSize({ width, height: 800 });
    // Strings, not functions: the project's TypeScript has no DOM library, and this runs in the page.
    const [scroll, inner] = (await page.evaluate(
      '[document.documentElement.scrollWidth, window.innerWidth]',
    )) as [number, number];
    if (scroll > inner) problems.overflow.push(`${name}@${width}: ${scroll} > ${inner}`);
    if (width === NARROWEST) continue;
    await saveScreenshot(page, `${SCREENSHOTS}${name}-${width}.png`, { timeout: 10_000 });
    // At each width: what fits a desktop may hide or crowd things on a phone (target size, reflow).
    for (const v of await axeViolations(page)) {
      const problem = `${name}: ${v}`;
      if (!problems.axe.includes(problem)) problems.axe.push(problem);
    }
  }
}

/**
 * axe-core run inside the page. Evaluated through the DevTools protocol rather than an added `<script>` tag:
 * both servers' CSP allows no script of the test's (the platform's `script-src 'none'`, or `'self'` for its own
 * local-time file only; the bank's `default-src 'none'`), and
 * the page is checked as served, CSP and all.
 */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate("'axe' in window"))) await page.evaluate(AXE_SOURCE);
  return (await page.evaluate(`axe.run().then(({ violations }) => violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => v.id + ' (' + v.impact + '): ' + (v.nodes[0] ? v.nodes[0].target.join(' ') : '')))`)) as string[];
}

/**
 * A form that shows field errors announces them (GOV.UK error summary): a box with role=alert headed
 * "There is a problem", focused on load, whose links each point at a field on the page.
 */
export async function errorSummaryProblems(page: Page, name: string): Promise<string[]> {
  const found = (await page.evaluate(`(() => {
    const box = document.querySelector('[role="alert"].error-summary');
    if (!box) return { box: false, focused: false, heading: '', targets: [] };
    const links = [...box.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href').slice(1));
    return {
      box: true,
      focused: document.activeElement === box,
      heading: (box.querySelector('h2')?.textContent ?? '').trim(),
      targets: links.map((id) => (document.getElementById(id) ? id : null)),
    };
  })()`)) as { box: boolean; focused: boolean; heading: string; targets: (string | null)[] };
  const problems: string[] = [];
  if (!found.box) return [`${name}: no error summary`];
  if (!found.focused) problems.push(`${name}: the error summary is not focused`);
  if (found.heading !== 'There is a problem') problems.push(`${name}: heading "${found.heading}"`);
  if (found.targets.length === 0) problems.push(`${name}: no link to a field`);
  if (found.targets.includes(null)) problems.push(`${name}: a link to no field`);
  return problems;
}
