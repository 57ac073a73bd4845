import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

/** Debian's chromium; TEST_CHROMIUM points elsewhere (test/support/preflight.js checks the same path). */
export const CHROMIUM = process.env.TEST_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
const AXE_SOURCE = join(__dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js');

/**
 * Debian's chromium, headless, with nothing that would reach the internet (the machine has none).
 * Playwright gives each launch a fresh temporary profile (--user-data-dir) and removes it on close.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}. Install it with: apt-get install -y chromium (.ci/run does this in CI).`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
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
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

let axeSource: string | undefined;

const IMPACTS = ['minor', 'moderate', 'serious', 'critical'];

/** The violations of impact `least` or higher (moderate: moderate, serious and critical). */
export async function accessibilityProblems(
  page: Page,
  least: 'moderate' | 'serious',
): Promise<AxeViolation[]> {
  const violations = await axeViolations(page);
  return violations.filter((v) => IMPACTS.indexOf(v.impact ?? 'minor') >= IMPACTS.indexOf(least));
}

export function seriousAccessibilityProblems(page: Page): Promise<AxeViolation[]> {
  return accessibilityProblems(page, 'serious');
}

/**
 * Runs axe-core on the page as it is now and returns its violations. axe is evaluated through the
 * DevTools protocol, which the page's Content-Security-Policy does not govern, so the CSP under test
 * stays as strict as in production.
 */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(AXE_SOURCE, 'utf8');
  await page.evaluate(axeSource);
  // A string, evaluated in the page: the test code is compiled without the DOM's types.
  const violations = await page.evaluate<AxeViolation[]>(`
    axe.run(document, { resultTypes: ['violations'] }).then((result) =>
      result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target })),
      })),
    )`);
  return violations;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `web-${name}.png`), fullPage: true });
}
