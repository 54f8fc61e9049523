import { describe, expect, it } from 'vitest';
import type { TrackDocument } from '../src/document/projectDocument';
import type { PlacedNote } from '../src/music/placedNotes';
import { DRAFT_ID, EDGE, initialTop, KEYS_WIDTH, previewDrag, RollGeometry, ROW, RULER } from '../src/studio/pianoRoll/geometry';

const note = (id: string, pitch: number, tick: number, duration: number): PlacedNote => ({ clipId: 'c', id, pitch, tick, duration, velocity: 100 });

describe('the piano roll’s geometry', () => {
  // Scrolled to the second beat, C5 (72) on the top row, 90 px per quarter note.
  const geo = new RollGeometry(480, 72, 90 / 480);

  it('maps ticks and pitches to pixels and back', () => {
    expect(geo.x(480)).toBe(KEYS_WIDTH);
    expect(geo.x(960)).toBe(KEYS_WIDTH + 90);
    expect(geo.tickAt(geo.x(1234))).toBeCloseTo(1234);
    expect(geo.y(72)).toBe(RULER);
    expect(geo.pitchAt(geo.y(60) + ROW / 2)).toBe(60);
    expect(geo.pitchAt(geo.y(60) + ROW)).toBe(59);
  });

  it('finds the note under the pointer, the topmost first, and its right edge', () => {
    const notes = [note('a', 60, 960, 480), note('b', 60, 1200, 480), note('c', 62, 960, 480)];
    const y = geo.y(60) + ROW / 2;
    expect(geo.hit(notes, geo.x(1000), y)?.note.id).toBe('a');
    expect(geo.hit(notes, geo.x(1300), y)).toEqual({ note: notes[1], edge: false });
    expect(geo.hit(notes, geo.x(1680) - EDGE / 2, y)?.edge).toBe(true);
    expect(geo.hit(notes, geo.x(1700), y)).toBeNull();
    expect(geo.hit(notes, geo.x(1000), geo.y(61) + 1)).toBeNull();
  });

  it('previews a drag without changing the notes: a drawn draft, moved notes kept in range, resized ones at least a snap long', () => {
    const notes = [note('a', 60, 0, 240), note('b', 126, 480, 240)];
    expect(previewDrag(notes, null, 120)).toBe(notes);
    expect(previewDrag(notes, { mode: 'draw', tick: 960, pitch: 64, end: 1200 }, 120).at(-1)).toMatchObject({ id: DRAFT_ID, tick: 960, pitch: 64, duration: 240 });
    const moved = previewDrag(notes, { mode: 'move', x: 0, y: 0, notes: [notes[0]!, notes[1]!], dTick: -120, dPitch: 3 }, 120);
    expect(moved.map((n) => [n.tick, n.pitch])).toEqual([
      [0, 63],
      [360, 127],
    ]);
    const resized = previewDrag(notes, { mode: 'resize', x: 0, notes: [notes[1]!], dTick: -200 }, 120);
    expect(resized.map((n) => n.duration)).toEqual([240, 120]);
    expect(notes[1]!.duration).toBe(240);
  });

  it('opens a track with its notes in view, or in its register', () => {
    const track = (kind: TrackDocument['kind'], pitches: number[]): TrackDocument => ({
      id: 't', name: 't', kind, instrument: 'keys', volume: 0, pan: 0, mute: false, solo: false, order: 'V',
      clips: [{ id: 'c', start_bar: 0, length_bars: 1, notes: pitches.map((pitch, i) => ({ id: `n${i}`, pitch, start_tick: 0, duration_ticks: 1, velocity: 100 })) }],
    });
    expect(initialTop(track('lead', [60, 72]))).toBe(74);
    expect(initialTop(track('bass', []))).toBe(52);
    expect(initialTop(track('lead', []))).toBe(80);
  });
});
