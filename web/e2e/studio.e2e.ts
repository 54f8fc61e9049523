import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, newUser, recordTiming, screenshot } from './support/browser';

const url = inject('studioUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const zordic = <T>(page: Page, read: string): Promise<T> => page.evaluate(`(() => { const z = window.__zordic; return ${read}; })()`) as Promise<T>;

async function newProjectWithDrums(page: Page): Promise<string> {
  await page.goto(url + '/');
  await page.getByTestId('new-project').click();
  await page.waitForURL(/\/projects\//);
  await expectLive(page);
  await page.getByTestId('add-track').click();
  await page.getByTestId('track-0').waitFor();
  return new URL(page.url()).pathname;
}

async function expectLive(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __zordic?: { status: string } }).__zordic?.status === 'live', null, { timeout: 20_000 });
}

const pressed = (page: Page, testId: string) => page.getByTestId(testId).getAttribute('aria-pressed');

describe('the studio in a real browser', () => {
  it('makes a beat: drums track, steps, play → running audio and a moving playhead; steps survive a reload', async () => {
    const { context, page, errors } = await newUser(browser, 'Ada');
    const path = await newProjectWithDrums(page);
    expect(await page.getByTestId('track-0').textContent()).toContain('drums');
    for (const step of [0, 4, 8, 12]) await page.getByTestId(`step-0-${step}`).click();
    await page.getByTestId('step-0-4-38').click();
    await page.getByTestId('step-0-12-38').click();
    expect(await pressed(page, 'step-0-4')).toBe('true');
    expect(await pressed(page, 'step-0-1')).toBe('false');

    await page.getByTestId('play').click();
    await page.waitForFunction(() => (window as unknown as { __zordic: { audio: { state: string } } }).__zordic.audio.state === 'running', null, { timeout: 10_000 });
    const first = await zordic<number>(page, 'z.transport.elapsed');
    await page.waitForTimeout(700);
    const second = await zordic<number>(page, 'z.transport.elapsed');
    expect(second).toBeGreaterThan(first + 0.3);
    const tickA = Number(await page.getByTestId('playhead').getAttribute('data-tick'));
    await page.waitForTimeout(300);
    const tickB = Number(await page.getByTestId('playhead').getAttribute('data-tick'));
    expect(tickB).not.toBe(tickA);
    expect(await zordic<number>(page, 'z.transport.seconds')).toBeGreaterThanOrEqual(0);
    await screenshot(page, 'studio-playing');
    await page.getByTestId('stop').click();
    expect(await zordic<boolean>(page, 'z.transport.playing')).toBe(false);

    await page.waitForFunction(() => (window as unknown as { __zordic: { pending: number } }).__zordic.pending === 0);
    const started = performance.now();
    await page.reload();
    await expectLive(page);
    recordTiming('first load: reload studio → live (ms)', performance.now() - started);
    expect(new URL(page.url()).pathname).toBe(path);
    for (const step of [0, 4, 8, 12]) expect(await pressed(page, `step-0-${step}`)).toBe('true');
    expect(await pressed(page, 'step-0-4-38')).toBe('true');
    expect(await pressed(page, 'step-0-2')).toBe('false');
    expect(errors).toEqual([]);
    await context.close();
  });
});
