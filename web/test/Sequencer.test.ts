import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Sequencer, LOOKAHEAD_SECONDS, type NoteEvent, type ClickEvent } from '../src/music/Sequencer';
import type { Arrangement, SongNote } from '../src/music/arrangement';
import { arrange } from '../src/music/arrangement';
import type { ProjectDocument } from '../src/document/projectDocument';

const note = (tick: number, pitch = 36): SongNote => ({ trackId: 't', trackIndex: 0, noteId: `n${tick}-${pitch}`, pitch, tick, durationTicks: 120, velocity: 100 });
const song = (notes: SongNote[], extra: Partial<Arrangement> = {}): Arrangement => ({ meter: { numerator: 4, denominator: 4 }, bpm: 120, swing: 0, lengthTicks: 1920, notes, ...extra });

/** Runs the scheduler as the engine does: called every `step` seconds of audio time. */
function run(seq: Sequencer, s: Arrangement | (() => Arrangement), until: number, step = 0.025, from = 0) {
  const notes: NoteEvent[] = [];
  const clicks: ClickEvent[] = [];
  for (let now = from; now <= until; now += step) seq.advance(now, typeof s === 'function' ? s() : s, { note: (e) => notes.push(e), click: (e) => clicks.push(e) });
  return { notes, clicks };
}

describe('Sequencer', () => {
  it('schedules each note once at its exact audio time, 100 ms ahead of the clock', () => {
    const seq = new Sequencer();
    expect(LOOKAHEAD_SECONDS).toBe(0.1);
    seq.start(10, 120);
    const { notes } = run(seq, song([note(0), note(480), note(960), note(1440)]), 11.45, 0.025, 10);
    // 4 quarter notes at 120 bpm = 0.5 s apart; a pass is 2 s long, so the run covers one pass.
    expect(notes.map((e) => +e.time.toFixed(9))).toEqual([10, 10.5, 11, 11.5]);
    expect(notes[0]!.duration).toBeCloseTo(0.125, 12);
  });

  it('never hands out an event later than its time or more than the lookahead early (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1919), { maxLength: 30 }), fc.double({ min: 0.005, max: 0.09, noNaN: true }), fc.integer({ min: 40, max: 300 }), (ticks, step, bpm) => {
        const seq = new Sequencer();
        seq.start(0, bpm);
        const s = song([...new Set(ticks)].sort((a, b) => a - b).map((t) => note(t)), { bpm });
        const pass = (1920 * 60) / (bpm * 480);
        let count = 0;
        for (let now = 0; now < pass * 2.5; now += step) {
          seq.advance(now, s, {
            note: (e) => {
              count++;
              expect(e.time).toBeGreaterThanOrEqual(now - 1e-9);
              expect(e.time).toBeLessThanOrEqual(now + LOOKAHEAD_SECONDS + 1e-9);
            },
          });
        }
        // Every note of every pass that started was scheduled exactly once.
        const passes = Math.floor((pass * 2.5 - step + LOOKAHEAD_SECONDS) / pass);
        expect(count).toBeGreaterThanOrEqual(new Set(ticks).size * passes);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('loops: the second pass starts where the first ends; without loop it stops at the end', () => {
    const seq = new Sequencer();
    seq.start(0, 120);
    const { notes } = run(seq, song([note(0)]), 4.5);
    expect(notes.map((e) => e.time)).toEqual([0, 2, 4]);
    const once = new Sequencer();
    once.loop = false;
    once.start(0, 120);
    const r = run(once, song([note(0)]), 4.5);
    expect(r.notes.map((e) => e.time)).toEqual([0]);
    expect(once.endsAt).toBe(2);
  });

  it('plays an edit made while playing on the next pass, without a restart', () => {
    const seq = new Sequencer();
    seq.start(0, 120);
    let current = song([note(0)]);
    const heard: number[] = [];
    for (let now = 0; now < 4.5; now += 0.025) {
      if (now > 1 && current.notes.length === 1) current = song([note(0), note(480)]); // added at 1 s, behind the playhead
      seq.advance(now, current, { note: (e) => heard.push(+e.time.toFixed(6)) });
    }
    expect(heard).toEqual([0, 2, 2.5, 4, 4.5]);
  });

  it('keeps scheduled notes in place through a tempo change and follows the new tempo after', () => {
    const seq = new Sequencer();
    seq.start(0, 120);
    let bpm = 120;
    const heard: number[] = [];
    for (let i = 0; i < 100; i++) {
      const now = i * 0.025;
      if (i >= 24) bpm = 60; // from 0.6 s
      seq.advance(now, song([0, 480, 960, 1440].map((t) => note(t)), { bpm }), { note: (e) => heard.push(+e.time.toFixed(6)) });
    }
    // 0 and 0.5 at 120 bpm. At 0.6 s everything up to 0.675 s (tick 648) is already scheduled at the old
    // tempo; from there ticks run at 60 bpm, so tick 960 sounds (960 − 648) / 480 s later.
    expect(heard[0]).toBe(0);
    expect(heard[1]).toBe(0.5);
    expect(heard[2]).toBeCloseTo(0.675 + 312 / 480, 6);
    expect(heard[3]! - heard[2]!).toBeCloseTo(1, 6);
  });

  it('swings off-beat sixteenths and clicks the metronome on each beat, accenting the downbeat', () => {
    const seq = new Sequencer();
    seq.metronome = true;
    seq.start(0, 120);
    const { notes, clicks } = run(seq, song([note(0), note(120)], { swing: 1 }), 1.9);
    expect(notes[1]!.time).toBeCloseTo(0.1875, 9); // tick 180 at 120 bpm
    expect(clicks.map((c) => [c.time, c.downbeat])).toEqual([[0, true], [0.5, false], [1, false], [1.5, false]]);
  });

  it('reports the song position from the audio clock, wrapping at the loop', () => {
    const seq = new Sequencer();
    seq.start(5, 120);
    run(seq, song([]), 7.3, 0.025, 5);
    expect(seq.songTickAt(5.5)).toBeCloseTo(480, 6);
    expect(seq.songTickAt(7.25)).toBeCloseTo(480 * 0.5, 6);
    expect(seq.elapsedAt(7.25)).toBeCloseTo(2.25, 9);
  });
});

describe('arrange', () => {
  it('flattens clips into song positions and drops notes past a clip end', () => {
    const doc: ProjectDocument = {
      id: 'p', name: 'x', bpm: 100, time_signature: { numerator: 3, denominator: 4 }, key: { tonic: 'C', mode: 'major' }, swing: 0,
      tracks: [{
        id: 't', name: 'Bass', kind: 'bass', instrument: 'bass', volume: 0, pan: 0, mute: false, solo: false, order: 'V',
        clips: [{ id: 'c', start_bar: 2, length_bars: 1, notes: [
          { id: 'a', pitch: 40, start_tick: 0, duration_ticks: 2000, velocity: 90 },
          { id: 'b', pitch: 41, start_tick: 1440, duration_ticks: 10, velocity: 90 },
        ] }],
      }],
    };
    const a = arrange(doc);
    expect(a.lengthTicks).toBe(3 * 1440);
    expect(a.notes).toHaveLength(1);
    expect(a.notes[0]).toMatchObject({ tick: 2880, durationTicks: 1440 });
  });
});
