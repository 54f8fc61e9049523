import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumForThisFile, newUser, recordTiming, screenshot } from './support/browser';

const url = inject('studioUrl');
const browser = chromiumForThisFile();

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
    const { context, page, errors } = await newUser(browser(), 'Ada');
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
    // Sound comes out: the master meter rises above silence while the beat plays.
    await page.waitForFunction(() => (window as unknown as { __zordic: { audio: { level: number } } }).__zordic.audio.level > -40, null, { timeout: 5000 });
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
    expect(errors.join('\n')).toBe('');
    await context.close();
  });
});

describe('a newcomer’s first song', () => {
  it('renders the song to a WAV file: the kicks where their steps are, silence when muted, a song too long refused', async () => {
    const { context, page, errors } = await newUser(browser(), 'Wren');
    await newProjectWithDrums(page);
    for (const step of [0, 8]) await page.getByTestId(`step-0-${step}`).click();
    await page.waitForFunction(() => (window as unknown as { __zordic: { pending: number } }).__zordic.pending === 0);
    const render = async () => {
      await page.getByTestId('export').locator('summary').click();
      await screenshot(page, 'studio-export-menu');
      const started = performance.now();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-audio').click()]);
      recordTiming('WAV export: click → download of a 4.05 s render (ms)', performance.now() - started);
      const bytes = readFileSync((await download.path())!);
      return { name: download.suggestedFilename(), wav: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
    };
    const { name, wav } = await render();
    // The menu closes on a choice, on Escape and on a click elsewhere.
    const menuOpen = async () => (await page.getByTestId('export').getAttribute('open')) !== null;
    expect(await menuOpen()).toBe(false);
    await page.getByTestId('export').locator('summary').click();
    expect(await menuOpen()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await menuOpen()).toBe(false);
    await page.getByTestId('export').locator('summary').click();
    await page.getByTestId('track-0').click({ position: { x: 5, y: 5 } });
    expect(await menuOpen()).toBe(false);
    expect(name).toMatch(/\.wav$/);
    const ascii = (at: number) => String.fromCharCode(...[0, 1, 2, 3].map((i) => wav.getUint8(at + i)));
    expect([ascii(0), ascii(8), ascii(36)]).toEqual(['RIFF', 'WAVE', 'data']);
    expect([wav.getUint16(22, true), wav.getUint32(24, true), wav.getUint16(34, true)]).toEqual([2, 44_100, 16]);
    const frames = wav.getUint32(40, true) / 4;
    // One bar at 120 bpm (2 s), with 0.05 s before it and a 2 s tail for the reverb.
    expect(Math.abs(frames / 44_100 - 4.05)).toBeLessThan(0.01);
    const peak = (from: number, to: number) => {
      let max = 0;
      for (let i = Math.round(from * 44_100); i < Math.min(frames, Math.round(to * 44_100)); i++) max = Math.max(max, Math.abs(wav.getInt16(44 + 4 * i, true)), Math.abs(wav.getInt16(46 + 4 * i, true)));
      return max;
    };
    // The kick on the downbeat sounds 0.05 s in (and the few milliseconds the bus compressors look ahead),
    // the one on beat 3 exactly a second later.
    const loud = peak(0, 4.05) / 4;
    expect(loud).toBeGreaterThan(2000);
    const onset = (from: number) => {
      let i = Math.round(from * 44_100);
      while (i < frames && Math.abs(wav.getInt16(44 + 4 * i, true)) < loud) i++;
      return i / 44_100;
    };
    const downbeat = onset(0);
    expect(downbeat).toBeGreaterThanOrEqual(0.05);
    expect(downbeat).toBeLessThan(0.07);
    expect(Math.abs(onset(0.5) - downbeat - 1)).toBeLessThan(0.002);

    // The mixer counts: a muted track renders as silence.
    await page.getByTestId('mute-0').click();
    await page.waitForFunction(() => (window as unknown as { __zordic: { pending: number } }).__zordic.pending === 0);
    const muted = await render();
    expect(muted.wav.getUint32(40, true) / 4).toBe(frames);
    let loudest = 0;
    for (let i = 44; i < muted.wav.byteLength; i += 2) loudest = Math.max(loudest, Math.abs(muted.wav.getInt16(i, true)));
    expect(loudest).toBe(0);

    // A song longer than a render may hold is refused at once, with the reason: here 500 bars at 120 bpm.
    const projectId = new URL(page.url()).pathname.split('/').pop()!;
    const trackId = await zordic<string>(page, 'z.document.tracks[0].id');
    const lengthened = await fetch(`${url}/api/projects/${projectId}/ops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ type: 'insert', path: ['tracks', trackId, 'clips', 'long'], value: { start_bar: 0, length_bars: 500 } }]),
    });
    expect(lengthened.status).toBe(200);
    await page.waitForFunction(() => (window as unknown as { __zordic: { document: { tracks: { clips: unknown[] }[] } } }).__zordic.document.tracks[0]!.clips.length === 2);
    await page.getByTestId('export').locator('summary').click();
    await page.getByTestId('export-audio').click();
    await page.getByTestId('notice').filter({ hasText: /up to 15 minutes.*16:40/ }).waitFor({ timeout: 5000 });
    expect(await page.getByTestId('export').locator('summary').textContent()).toContain('Export');
    expect(errors.join('\n')).toBe('');
    await context.close();
  });

  it('makes a beat with the sequencer and a bassline in the piano roll, and hears them', async () => {
    const { context, page, errors } = await newUser(browser(), 'Eve');
    await newProjectWithDrums(page);
    await page.getByTestId('project-name').fill('First light');
    await page.getByTestId('project-name').press('Enter');
    await page.getByTestId('bpm').fill('96');
    await page.getByTestId('bpm').press('Enter');
    for (const step of [0, 6, 8, 10]) await page.getByTestId(`step-0-${step}`).click();
    for (const step of [4, 12]) await page.getByTestId(`step-0-${step}-38`).click();
    for (let step = 0; step < 16; step += 2) await page.getByTestId(`step-0-${step}-42`).click();
    await page.getByTestId('step-0-14-46').click();
    await page.getByTestId('step-0-12-38').click({ modifiers: ['Shift'] }); // accent
    await page.getByTestId('add-track').click(); // suggested next: bass
    const roll = page.getByTestId('piano-roll');
    await roll.waitFor();
    const box = (await roll.boundingBox())!;
    // A bassline: drag to draw each note's length.
    for (const [i, row] of [0, 0, 3, 5, 3, 7].entries()) {
      const x = box.x + 70 + i * 55;
      const y = box.y + 40 + row * 14;
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x + 40, y, { steps: 3 });
      await page.mouse.up();
    }
    await page.waitForFunction(() => (window as unknown as { __zordic: { pending: number } }).__zordic.pending === 0);
    const doc = await zordic<{ name: string; bpm: number; tracks: { kind: string; clips: { notes: unknown[] }[] }[] }>(page, 'z.document');
    expect(doc.name).toBe('First light');
    expect(doc.bpm).toBe(96);
    expect(doc.tracks.map((t) => t.kind)).toEqual(['drums', 'bass']);
    expect(doc.tracks[0]!.clips[0]!.notes).toHaveLength(15);
    expect(doc.tracks[1]!.clips[0]!.notes).toHaveLength(6);
    await page.getByTestId('play').click();
    await page.waitForFunction(() => (window as unknown as { __zordic: { audio: { level: number } } }).__zordic.audio.level > -40, null, { timeout: 5000 });
    await page.waitForTimeout(900);
    await screenshot(page, 'song-playing');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => !(window as unknown as { __zordic: { transport: { playing: boolean } } }).__zordic.transport.playing);
    expect(errors.join('\n')).toBe('');
    await context.close();
  });
});

describe('the projects page', () => {
  it('creates, renames, imports a MIDI file and deletes projects', async () => {
    const { context, page, errors } = await newUser(browser(), 'Cy');
    page.on('dialog', (d) => void d.accept());
    // A MIDI file to import: the studio's own export of a project with a beat.
    const made = await page.request.post(url + '/api/projects', { data: { name: 'Source song', bpm: 96 } });
    const source = (await made.json()) as { id: string };
    await page.request.post(`${url}/api/projects/${source.id}/ops`, {
      data: [
        { type: 'insert', path: ['tracks', 'd'], value: { kind: 'drums', order: 'V' } },
        { type: 'insert', path: ['tracks', 'd', 'clips', 'c'], value: {} },
        { type: 'insert', path: ['tracks', 'd', 'clips', 'c', 'notes', 'k'], value: { pitch: 36, start_tick: 0, duration_ticks: 120 } },
      ],
    });
    const midi = await (await page.request.get(`${url}/api/projects/${source.id}/midi`)).body();

    await page.goto(url + '/');
    const card = page.getByTestId('project-card').filter({ hasText: 'Source song' });
    await card.waitFor();
    // The card tells the song apart without opening it: tempo, key, tracks.
    expect(await card.getByTestId('project-facts').textContent()).toBe('96 bpm · C major · 1 track');
    await card.getByRole('button', { name: 'Rename' }).click();
    const field = page.getByRole('textbox', { name: 'Project name' });
    await field.fill('Renamed song');
    await field.press('Enter');
    await page.getByTestId('project-card').filter({ hasText: 'Renamed song' }).waitFor();
    await screenshot(page, 'projects');

    await page.locator('input[type="file"]').setInputFiles({ name: 'groove.mid', mimeType: 'audio/midi', buffer: midi });
    await page.waitForURL(/\/projects\//);
    await page.getByTestId('track-0').waitFor();
    expect(await page.getByTestId('project-name').inputValue()).toBe('groove');
    expect(await page.getByTestId('step-0-0').getAttribute('aria-pressed')).toBe('true');

    await page.goto(url + '/');
    const renamed = page.getByTestId('project-card').filter({ hasText: 'Renamed song' });
    await renamed.getByRole('button', { name: 'Delete' }).click();
    await renamed.waitFor({ state: 'detached' });
    expect(errors.join('\n')).toBe('');
    await context.close();
  });
});
