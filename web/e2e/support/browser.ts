import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Debian's Chromium, installed by ./test; never a browser download. Flags from PITFALLS.md. */
export const CHROMIUM = process.env.ZORDIC_CHROMIUM ?? '/usr/bin/chromium';

function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=user-gesture-required'],
  });
}

/** One Chromium for the calling test file: launched before its tests, closed after them. */
export function chromiumForThisFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium is not launched yet: ask for it inside a test');
    return browser;
  };
}

/** Screenshots are test artifacts: .build/screenshots (gitignored), to be looked at by a person. */
export const SHOTS = resolve(import.meta.dirname, '../../../.build/screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SHOTS, `${name}.png`) });
}

/** A user: a browser context of its own (a background page in a shared context would be throttled). */
export async function newUser(browser: Browser, name: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // Give each user a stable name, as the studio would remember it in this browser.
  await context.addInitScript((displayName) => {
    if (!localStorage.getItem('zordic.user')) localStorage.setItem('zordic.user', JSON.stringify({ userId: `user-${displayName.toLowerCase()}`, displayName }));
  }, name);
  const page = await context.newPage();
  const errors: string[] = [];
  // Where it came from too, so that a failure names the line that logged or threw.
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} (${m.location().url}:${m.location().lineNumber})`);
  });
  page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}\n${e.stack ?? ''}`));
  return { context, page, errors };
}

/**
 * Timings measured along the way (first load, edit latency between two users), kept in
 * .build/e2e-timings.json: goals are read by people and benchmarks, not asserted, since a loaded CI
 * machine would make them flaky.
 */
export function recordTiming(name: string, ms: number): void {
  const file = resolve(SHOTS, '..', 'e2e-timings.json');
  mkdirSync(SHOTS, { recursive: true });
  const all = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>) : {};
  all[name] = Math.round(ms);
  writeFileSync(file, JSON.stringify(all, null, 2) + '\n');
}
