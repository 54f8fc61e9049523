import { describe, expect, inject, it } from 'vitest';
import type { Page, WebSocketRoute } from 'playwright-core';
import { chromiumForThisFile, newUser, recordTiming, screenshot } from './support/browser';

const url = inject('studioUrl');
const browser = chromiumForThisFile();

interface Agents {
  suggestions: { id: string; kind: string; request: string; by: string }[];
  composing: boolean;
  error: string | null;
  audition: { requestId: string; only: string | null } | null;
  auditionTracks: number;
  alone: boolean;
  heardTracks: number;
}
interface Z {
  __zordic: {
    status: string;
    pending: number;
    agents: Agents;
    audio: { state: string; level: number };
    transport: { playing: boolean; tick: number; elapsed: number };
    document: { bpm: number; key: { tonic: string; mode: string }; tracks: { kind: string; name: string }[] };
  };
}
const z = <T>(page: Page, read: (z: Z['__zordic']) => T): Promise<T> => page.evaluate(`(${read.toString()})(window.__zordic)`) as Promise<T>;
const until = (page: Page, predicate: string, timeout = 10_000) => page.waitForFunction(`(() => { const z = window.__zordic; return ${predicate}; })()`, null, { timeout });
const live = (page: Page) => until(page, "z?.status === 'live'", 20_000);
const kinds = (page: Page) => z(page, (s) => s.document.tracks.map((t) => t.kind));
const KINDS = ['beat', 'harmony', 'melody'] as const;

async function newProjectWithALeadTrack(page: Page): Promise<void> {
  await page.goto(url + '/');
  await page.getByTestId('new-project').click();
  await page.waitForURL(/\/projects\//);
  await live(page);
  await page.getByTestId('add-track-kind').selectOption('lead');
  await page.getByTestId('add-track').click();
  await page.getByTestId('piano-roll').waitFor();
}

/** Draws a note per click, 45 px apart, `rows[i]` rows (14 px) under the roll's top; waits until the server has confirmed them. */
async function drawMelody(page: Page, rows: number[]): Promise<void> {
  const box = (await page.getByTestId('piano-roll').boundingBox())!;
  for (const [i, dy] of rows.entries()) await page.mouse.click(box.x + 60 + i * 45, box.y + 60 + dy * 14);
  await until(page, `z.pending === 0 && z.document.tracks[0].clips[0].notes.length === ${rows.length}`);
}

describe('the agents in the studio, two users on one project', () => {
  it('turns a prompt into a beat, chords and a melody that both hear about, audition, keep, discard and undo', async () => {
    const ada = await newUser(browser(), 'Ada');
    const ben = await newUser(browser(), 'Ben');
    // The visualizer asks the visual agent for an instrument's effect family once, never per note.
    const effectsAsked: string[] = [];
    ada.page.on('request', (r) => {
      if (r.url().endsWith('/api/visual/effect')) effectsAsked.push((JSON.parse(r.postData() ?? '{}') as { instrument: string }).instrument);
    });
    await ada.page.goto(url + '/');
    await ada.page.getByTestId('new-project').click();
    await ada.page.waitForURL(/\/projects\//);
    await live(ada.page);
    await ben.page.goto(ada.page.url());
    await live(ben.page);
    await ben.page.waitForFunction(() => document.querySelectorAll('[data-testid="presence"] .avatar').length === 2);

    // A prompt that names nothing musical is refused with what to write instead; nothing is sent.
    await ada.page.getByTestId('agent-prompt').fill('hello there');
    await ada.page.keyboard.press('Enter');
    const error = ada.page.getByTestId('agent-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/genre|tempo|key|mood/i);
    expect(await z(ben.page, (s) => s.agents.suggestions.length)).toBe(0);

    // A real prompt, typed into the box and sent with Enter: both users get the three cards.
    await ada.page.getByTestId('agent-prompt').click();
    await ada.page.getByTestId('agent-prompt').fill('lo-fi beat, 85 bpm, A minor, laid back');
    const started = performance.now();
    await ada.page.keyboard.press('Enter');
    expect(await error.count()).toBe(0);
    for (const kind of KINDS) await ada.page.getByTestId(`suggestion-${kind}`).waitFor({ timeout: 15_000 });
    recordTiming('agents: prompt sent → three cards in the asker’s studio (ms)', performance.now() - started);
    // Whoever asked hears the answer at once: all three, looping, on the transport.
    await until(ada.page, 'z.transport.playing && z.agents.auditionTracks === 4', 10_000);
    recordTiming('agents: prompt sent → the three parts playing (ms)', performance.now() - started);
    // The page's own marks, without Playwright's polling: when the hub answered and each part arrived.
    const marks = await ada.page.evaluate(() => {
      const at = (name: string) => performance.getEntriesByName(name).at(-1)?.startTime ?? NaN;
      const sent = at('zordic:compose-sent');
      return { answered: at('zordic:compose-answered') - sent, beat: at('zordic:suggestion-beat') - sent, last: Math.max(at('zordic:suggestion-harmony'), at('zordic:suggestion-melody')) - sent };
    });
    recordTiming('agents: in page, prompt sent → agent:compose answered (ms)', marks.answered);
    recordTiming('agents: in page, prompt sent → beat arrived (ms)', marks.beat);
    recordTiming('agents: in page, prompt sent → last part arrived (ms)', marks.last);
    for (const kind of KINDS) await ben.page.getByTestId(`suggestion-${kind}`).waitFor({ timeout: 10_000 });
    const benBeat = ben.page.getByTestId('suggestion-beat');
    const request = ben.page.locator('.request').first();
    expect(await request.textContent()).toContain('lo-fi beat, 85 bpm, A minor, laid back');
    expect(await request.textContent()).toContain('Ada');
    expect(await request.textContent()).toMatch(/85\s*BPM/);
    expect(await request.textContent()).toContain('A minor');
    expect(await benBeat.locator('canvas').count()).toBe(1);
    expect(await z(ben.page, (s) => s.transport.playing)).toBe(false); // Ben did not ask: nothing plays for him
    await screenshot(ada.page, 'agents-suggestions');
    await screenshot(ben.page, 'agents-suggestions-other-user');

    // Audition the beat alone: the audio context runs, the playhead advances, sound comes out, the project is unchanged.
    await ada.page.getByTestId('suggestion-audition-beat').click();
    await until(ada.page, "z.agents.audition?.only !== null && z.agents.auditionTracks === 1 && z.audio.state === 'running' && z.transport.playing");
    expect(await ada.page.getByTestId('suggestion-audition-beat').getAttribute('aria-pressed')).toBe('true');
    const tickA = Number(await ada.page.getByTestId('playhead').getAttribute('data-tick'));
    await ada.page.waitForFunction((t) => Number(document.querySelector('[data-testid="playhead"]')?.getAttribute('data-tick')) !== t, tickA, { timeout: 5000 });
    await until(ada.page, 'z.audio.level > -40', 5000);
    expect(await kinds(ada.page)).toEqual([]);
    // And all three together again.
    await ada.page.getByTestId('audition-all').click();
    await until(ada.page, 'z.agents.audition?.only === null && z.agents.auditionTracks === 4');
    await screenshot(ada.page, 'agents-audition');
    expect(effectsAsked.length).toBeGreaterThan(0);
    expect(new Set(effectsAsked).size).toBe(effectsAsked.length);

    // Ada keeps the beat: both get a drums track, the beat's tempo and key; Ben's card goes when the tracks arrive.
    await ada.page.getByTestId('suggestion-accept-beat').click();
    for (const page of [ada.page, ben.page]) {
      await until(page, "z.document.tracks.some((t) => t.kind === 'drums') && z.document.bpm === 85 && z.document.key.tonic === 'A' && z.document.key.mode === 'minor'");
      await page.getByTestId('suggestion-beat').waitFor({ state: 'detached', timeout: 10_000 });
    }
    expect(await ben.page.getByTestId('bpm').inputValue()).toBe('85');
    // Ada keeps the melody: a lead track for both.
    await ada.page.getByTestId('suggestion-accept-melody').click();
    for (const page of [ada.page, ben.page]) {
      await until(page, "z.document.tracks.some((t) => t.kind === 'lead')");
      await page.getByTestId('suggestion-melody').waitFor({ state: 'detached', timeout: 10_000 });
    }
    expect(await kinds(ben.page)).toEqual(['drums', 'lead']);
    await screenshot(ben.page, 'agents-kept');

    // Ben discards the chords: the card goes for him.
    await ben.page.getByTestId('suggestion-reject-harmony').click();
    await ben.page.getByTestId('suggestion-harmony').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await kinds(ben.page)).toEqual(['drums', 'lead']);

    // Ada's undo takes back her last action — keeping the melody — for both.
    await ada.page.getByTestId('undo').click();
    for (const page of [ada.page, ben.page]) await until(page, "!z.document.tracks.some((t) => t.kind === 'lead')");
    expect(await kinds(ada.page)).toEqual(['drums']);
    expect(await kinds(ben.page)).toEqual(['drums']);

    // Ada still shows the chords Ben discarded (no one is told of a discard); keeping them says so and removes the card.
    await ada.page.getByTestId('suggestion-accept-harmony').click();
    await ada.page.getByTestId('suggestion-harmony').waitFor({ state: 'detached', timeout: 10_000 });
    await ada.page.getByTestId('notice').filter({ hasText: /already/i }).first().waitFor({ timeout: 5000 });
    expect(await kinds(ada.page)).toEqual(['drums']);
    // The audition had nothing left to play: it ended and stopped the transport it had started.
    await until(ada.page, '!z.transport.playing && z.agents.audition === null');
    await screenshot(ada.page, 'agents-after-undo');

    expect(ada.errors.join('\n')).toBe('');
    expect(ben.errors.join('\n')).toBe('');
    await ada.context.close();
    await ben.context.close();
  });

  it('sends an example prompt from its chip, shows the busy state, and listens without the song', async () => {
    const { context, page, errors } = await newUser(browser(), 'Cleo');
    await page.goto(url + '/');
    await page.getByTestId('new-project').click();
    await page.waitForURL(/\/projects\//);
    await live(page);
    await page.getByTestId('add-track').click();
    await page.getByTestId('track-0').waitFor();
    await page.locator('.chip', { hasText: 'trap 140 with rolling hats' }).click();
    for (const kind of KINDS) await page.getByTestId(`suggestion-${kind}`).waitFor({ timeout: 15_000 });
    await until(page, '!z.agents.composing && z.transport.playing');
    expect(await page.getByTestId('agent-compose').getAttribute('aria-busy')).toBe('false');
    expect(await page.locator('.request').first().textContent()).toContain('140 BPM');
    // Alone: only the suggestion's tracks play; with the song again: the drums track too.
    await until(page, 'z.agents.heardTracks === 5');
    await page.getByTestId('audition-alone').click();
    await until(page, 'z.agents.alone && z.agents.heardTracks === 4 && z.agents.auditionTracks === 4');
    await page.getByTestId('audition-all').click(); // stops
    await until(page, '!z.transport.playing && z.agents.audition === null');
    expect(await kinds(page)).toEqual(['drums']);
    expect(errors.join('\n')).toBe('');
    await context.close();
  });

  it('harmonizes a melody drawn in the piano roll: chords and a bass to audition and keep', async () => {
    const { context, page, errors } = await newUser(browser(), 'Dora');
    await newProjectWithALeadTrack(page);
    // Nothing to harmonize yet.
    expect(await page.getByTestId('harmonize').isDisabled()).toBe(true);
    await drawMelody(page, [4, 2, 0, 2, 4, 4, 4, 2]);

    await page.getByTestId('harmonize').click();
    const card = page.getByTestId('suggestion-harmony');
    await card.waitFor({ timeout: 15_000 });
    expect(await page.locator('.request').first().textContent()).toContain('Chords for Lead');
    expect(await page.locator('.request').first().textContent()).toContain('D major'); // D E F♯ E D …
    expect(await card.locator('.suggestion-detail').textContent()).toMatch(/^[A-G]/); // chord names, e.g. "C · G · Am"
    // Whoever asked hears it at once, with the melody (chords and bass on top of the song's one track).
    await until(page, '!z.agents.composing && z.transport.playing && z.agents.auditionTracks === 2 && z.agents.heardTracks === 3');
    await screenshot(page, 'agents-harmonize');
    await page.getByTestId('suggestion-accept-harmony').click();
    await until(page, "z.document.tracks.map((t) => t.kind).join() === 'lead,chords,bass'");
    // The song, in C major until now, takes the chords' key.
    await until(page, "z.document.key.tonic === 'D' && z.document.key.mode === 'major'");
    await card.waitFor({ state: 'detached', timeout: 10_000 });
    expect(errors.join('\n')).toBe('');
    await context.close();
  });

  it('says why the harmony agent cannot answer when the melody is gone before it is asked', async () => {
    const { context, page, errors } = await newUser(browser(), 'Eve');
    // Eve's view of the session can lag: the edits others make reach her only when released.
    let lagging = false;
    const held: (string | Buffer)[] = [];
    let socket: WebSocketRoute | undefined;
    await page.routeWebSocket('**/hubs/studio**', (ws) => {
      socket = ws;
      const server = ws.connectToServer();
      server.onMessage((m) => (lagging && String(m).includes('"op:applied"') ? held.push(m) : ws.send(m)));
    });
    await newProjectWithALeadTrack(page);
    await drawMelody(page, [0, 0, 0]);

    // Someone else removes the track; Eve has not heard yet and asks for chords to it.
    lagging = true;
    const projectId = new URL(page.url()).pathname.split('/').pop()!;
    const trackId = await z(page, (s) => (s.document.tracks[0] as unknown as { id: string }).id);
    const removed = await fetch(`${url}/api/projects/${projectId}/ops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ type: 'delete', path: ['tracks', trackId] }]),
    });
    expect(removed.status).toBe(200);
    expect(await kinds(page)).toEqual(['lead']);
    await page.getByTestId('harmonize').click();
    const notice = page.getByTestId('notice').filter({ hasText: /no track/i });
    await notice.waitFor({ timeout: 10_000 });
    await until(page, '!z.agents.composing');
    expect(await z(page, (s) => s.agents.suggestions.length)).toBe(0);

    // When the news arrives, the track goes from her screen too.
    lagging = false;
    for (const m of held.splice(0)) socket!.send(m);
    await until(page, 'z.document.tracks.length === 0');
    expect(errors.join('\n')).toBe('');
    await context.close();
  });
});
