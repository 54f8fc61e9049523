import { describe, expect, inject, it } from 'vitest';
import type { Page, WebSocketRoute } from 'playwright-core';
import { chromiumForThisFile, newUser, recordTiming, screenshot } from './support/browser';

const url = inject('studioUrl');
const browser = chromiumForThisFile();

type Z = { __zordic: { status: string; pending: number; document: { tracks: { id: string; clips: { notes: unknown[] }[] }[] } } };
const live = (page: Page) => page.waitForFunction(() => (window as unknown as Z).__zordic?.status === 'live', null, { timeout: 20_000 });
const pressed = (page: Page, testId: string) => page.getByTestId(testId).getAttribute('aria-pressed');
const waitPressed = (page: Page, testId: string, value: 'true' | 'false', timeout = 5000) =>
  page.waitForFunction(([id, v]) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('aria-pressed') === v, [testId, value] as const, { timeout });
const settled = (page: Page) => page.waitForFunction(() => (window as unknown as Z).__zordic.pending === 0, null, { timeout: 10_000 });

const record = recordTiming;

async function twoUsersOnOneProject() {
  const ada = await newUser(browser(), 'Ada');
  const ben = await newUser(browser(), 'Ben');
  await ada.page.goto(url + '/');
  await ada.page.getByTestId('new-project').click();
  await ada.page.waitForURL(/\/projects\//);
  await live(ada.page);
  await ada.page.getByTestId('add-track').click();
  await ada.page.getByTestId('track-0').waitFor();
  await settled(ada.page);
  // Sharing the link is how the second person joins.
  const started = performance.now();
  await ben.page.goto(ada.page.url());
  await live(ben.page);
  await ben.page.getByTestId('track-0').waitFor();
  record('second user: open shared link → live (ms)', performance.now() - started);
  return { ada, ben };
}

describe('live collaboration, two browser contexts on one project', () => {
  it('shows a step toggled by one user to the other at once, with presence and the first user’s cursor', async () => {
    const { ada, ben } = await twoUsersOnOneProject();
    await ben.page.waitForFunction(() => document.querySelectorAll('[data-testid="presence"] .avatar').length === 2);

    const started = performance.now();
    await ada.page.getByTestId('step-0-3').click();
    await waitPressed(ben.page, 'step-0-3', 'true', 5000);
    const latency = performance.now() - started;
    record('step toggle: click in A → visible in B (ms)', latency);
    expect(latency).toBeLessThan(5000);

    // Ada points at the grid: Ben sees her cursor, in her colour, with her name.
    const box = (await ada.page.getByTestId('step-0-6').boundingBox())!;
    await ada.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await ada.page.mouse.move(box.x + box.width / 2 + 2, box.y + box.height / 2);
    const cursor = ben.page.locator('[data-testid="track-0"] [data-testid="remote-cursor"][data-user="user-ada"]');
    await cursor.waitFor({ timeout: 5000 });
    expect(await cursor.textContent()).toContain('Ada');
    await screenshot(ben.page, 'collaboration-second-user');
    expect(ada.errors.join('\n')).toBe('');
    expect(ben.errors.join('\n')).toBe('');
    await ada.context.close();
    await ben.context.close();
  });

  it('undo in one context reverts only that user’s own edit', async () => {
    const { ada, ben } = await twoUsersOnOneProject();
    await ada.page.getByTestId('step-0-5').click();
    await settled(ada.page);
    await ben.page.getByTestId('step-0-9').click();
    await settled(ben.page);
    await waitPressed(ada.page, 'step-0-9', 'true');
    await waitPressed(ben.page, 'step-0-5', 'true');

    await ada.page.getByTestId('undo').click();
    await waitPressed(ada.page, 'step-0-5', 'false');
    await waitPressed(ben.page, 'step-0-5', 'false');
    expect(await pressed(ada.page, 'step-0-9')).toBe('true');
    expect(await pressed(ben.page, 'step-0-9')).toBe('true');

    // Redo brings it back, for both; Ctrl+Z from the keyboard works the same way.
    await ada.page.getByTestId('redo').click();
    await waitPressed(ben.page, 'step-0-5', 'true');
    await ben.page.keyboard.press('Control+z');
    await waitPressed(ada.page, 'step-0-9', 'false');
    expect(await pressed(ada.page, 'step-0-5')).toBe('true');
    await ada.context.close();
    await ben.context.close();
  });

  it('keeps edits made while the connection is down, and rolls back with a message what the server refuses', async () => {
    const { ada, ben } = await twoUsersOnOneProject();
    // Ben's network can be cut: his hub socket closed and reconnects refused until it comes back.
    let offline = false;
    const sockets: WebSocketRoute[] = [];
    await ben.page.route('**/hubs/studio/negotiate**', (route) => (offline ? route.abort('internetdisconnected') : route.continue()));
    await ben.page.routeWebSocket('**/hubs/studio**', (ws) => {
      if (offline) {
        void ws.close();
        return;
      }
      ws.connectToServer();
      sockets.push(ws);
    });
    // The route applies to new sockets: make Ben reconnect through it.
    await ben.page.reload();
    await live(ben.page);
    await ada.page.getByTestId('add-track-kind').selectOption('drums');
    await ada.page.getByTestId('add-track').click();
    await ben.page.getByTestId('track-1').waitFor();

    offline = true;
    for (const s of sockets.splice(0)) await s.close({ code: 1006 }).catch(() => {});
    await ben.page.waitForFunction(() => (window as unknown as Z).__zordic.status !== 'live');
    await ben.page.getByTestId('step-0-7').click(); // will be kept and sent later
    await ben.page.getByTestId('step-1-2').click(); // on a track Ada is about to remove
    expect(await pressed(ben.page, 'step-0-7')).toBe('true');
    await ada.page.getByTestId('remove-track-1').click();
    await settled(ada.page);
    expect(await pressed(ada.page, 'step-0-7')).toBe('false');

    offline = false;
    await live(ben.page);
    await waitPressed(ada.page, 'step-0-7', 'true', 20_000);
    // The rollback notice may follow the reconnect notice: wait for it among all notices shown.
    await ben.page.getByTestId('notice').filter({ hasText: /removed|undone/i }).first().waitFor({ timeout: 10_000 });
    await ben.page.waitForFunction(() => document.querySelector('[data-testid="track-1"]') === null);
    await settled(ben.page);
    await screenshot(ben.page, 'collaboration-after-reconnect');
    await ada.context.close();
    await ben.context.close();
  });

  it('draws a bass line in the piano roll that the other user gets, and exports the song as MIDI', async () => {
    const { ada, ben } = await twoUsersOnOneProject();
    await ada.page.getByTestId('add-track-kind').selectOption('bass');
    await ada.page.getByTestId('add-track').click();
    const roll = ada.page.getByTestId('piano-roll');
    await roll.waitFor();
    const box = (await roll.boundingBox())!;
    for (const [i, dy] of [0, 2, 4, 2].entries()) {
      await ada.page.mouse.click(box.x + 90 + i * 90, box.y + 80 + dy * 14);
    }
    await settled(ada.page);
    await ben.page.waitForFunction(() => {
      const doc = (window as unknown as Z).__zordic.document;
      return doc.tracks[1]?.clips[0]?.notes.length === 4;
    }, null, { timeout: 5000 });
    // Select all and duplicate: Ben gets the copies, and sees Ada's selection (the new notes).
    await roll.focus();
    await ada.page.keyboard.press('Control+a');
    await ada.page.keyboard.press('Control+d');
    await settled(ada.page);
    await ben.page.waitForFunction(() => {
      const z = (window as unknown as Z & { __zordic: { selections: { name: string; ids: string[] }[] } }).__zordic;
      return z.document.tracks[1]?.clips[0]?.notes.length === 8 && z.selections.some((s) => s.name === 'Ada' && s.ids.length === 4);
    }, null, { timeout: 5000 });
    await ada.page.getByTestId('play').click();
    await ada.page.waitForTimeout(600);
    await screenshot(ada.page, 'piano-roll');
    await ada.page.getByTestId('stop').click();
    const midi = await ada.page.evaluate(async (href) => {
      const r = await fetch(href);
      return [...new Uint8Array(await r.arrayBuffer()).slice(0, 4)];
    }, (await ada.page.getByTestId('export-midi').getAttribute('href'))!);
    expect(String.fromCharCode(...midi)).toBe('MThd');
    expect(ada.errors.join('\n')).toBe('');
    await ada.context.close();
    await ben.context.close();
  });
});
