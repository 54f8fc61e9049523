import { drumVoiceOf, type DrumVoice } from '../music/drumMap';
import { chordName } from '../music/chordNames';
import { prefersFlats } from '../music/musicalKey';
import { ticksPerBar, TICKS_PER_QUARTER } from '../music/time';
import { parseKeyText, parseMeter, toTicks } from './sketch';
import type { Sketch } from './suggestion';

/** What a suggestion's card shows: a step grid for a beat, a note roll, the chords named. */

export type PreviewRow = 'kick' | 'snare' | 'hats' | 'perc';

const ROW_OF: Record<DrumVoice, PreviewRow> = {
  kick: 'kick',
  snare: 'snare',
  clap: 'snare',
  rim: 'snare',
  closedHat: 'hats',
  openHat: 'hats',
  lowTom: 'perc',
  midTom: 'perc',
  highTom: 'perc',
  perc: 'perc',
};

export const PREVIEW_ROWS: readonly PreviewRow[] = ['hats', 'snare', 'kick', 'perc'];

export interface BeatPreview {
  readonly steps: number;
  readonly stepsPerBar: number;
  /** Rows with at least one hit, top to bottom as PREVIEW_ROWS; each cell the loudest velocity in it (0: none). */
  readonly rows: readonly { readonly row: PreviewRow; readonly cells: readonly number[] }[];
}

/** A beat on a 16th-note grid, four rows (hats, snare/clap/rim, kick, toms/perc): each hit on its nearest step. */
export function beatPreview(sketch: Sketch, stepsPerBar = 16): BeatPreview {
  const meter = parseMeter(sketch.time_signature);
  const bars = Math.max(1, Math.round(sketch.bars));
  const steps = bars * stepsPerBar;
  const stepTicks = ticksPerBar(meter) / stepsPerBar;
  const cells = new Map<PreviewRow, number[]>();
  for (const track of sketch.tracks) {
    if (track.kind !== 'drums') continue;
    for (const n of track.notes) {
      const step = Math.round(toTicks(n.start, sketch.ppq) / stepTicks);
      if (step < 0 || step >= steps) continue;
      const row = ROW_OF[drumVoiceOf(n.pitch)];
      let line = cells.get(row);
      if (!line) cells.set(row, (line = new Array<number>(steps).fill(0)));
      line[step] = Math.max(line[step]!, n.velocity);
    }
  }
  return { steps, stepsPerBar, rows: PREVIEW_ROWS.filter((r) => cells.has(r)).map((row) => ({ row, cells: cells.get(row)! })) };
}

export interface RollNote {
  readonly track: number;
  readonly pitch: number;
  readonly start: number;
  readonly duration: number;
  readonly velocity: number;
}

export interface RollPreview {
  readonly lengthTicks: number;
  readonly barTicks: number;
  /** Lowest and highest pitch shown (a little margin around the notes, at least an octave). */
  readonly low: number;
  readonly high: number;
  readonly notes: readonly RollNote[];
}

/** Every note of a sketch in document ticks, with the pitch range to draw them in. */
export function rollPreview(sketch: Sketch): RollPreview {
  const meter = parseMeter(sketch.time_signature);
  const barTicks = ticksPerBar(meter);
  const lengthTicks = Math.max(1, Math.round(sketch.bars)) * barTicks;
  const notes: RollNote[] = [];
  sketch.tracks.forEach((t, track) => {
    for (const n of t.notes) notes.push({ track, pitch: n.pitch, start: toTicks(n.start, sketch.ppq), duration: Math.max(1, toTicks(n.duration, sketch.ppq)), velocity: n.velocity });
  });
  const pitches = notes.map((n) => n.pitch);
  const low = pitches.length ? Math.min(...pitches) - 1 : 48;
  const high = Math.max(pitches.length ? Math.max(...pitches) + 1 : 72, low + 12);
  return { lengthTicks, barTicks, low, high, notes };
}

/**
 * The progression of a harmony suggestion, one name per chord change ("Dm9 · Em7 · Am9"): the chords
 * track's notes grouped by onset, named with the bass note sounding at that moment.
 */
export function chordProgression(sketch: Sketch): string[] {
  const chords = sketch.tracks.find((t) => t.kind === 'chords' || t.kind === 'keys' || t.kind === 'pad');
  if (!chords) return [];
  const bassTrack = sketch.tracks.find((t) => t.kind === 'bass');
  const key = parseKeyText(sketch.key);
  const flats = key ? prefersFlats(key) : false;
  const window = TICKS_PER_QUARTER / 8;
  const onsets = [...chords.notes].sort((a, b) => a.start - b.start);
  const names: string[] = [];
  for (let i = 0; i < onsets.length; ) {
    const start = onsets[i]!.start;
    const group: number[] = [];
    while (i < onsets.length && onsets[i]!.start - start <= window) group.push(onsets[i++]!.pitch);
    const bass = bassTrack?.notes.filter((n) => n.start <= start + window && n.start + n.duration > start).sort((a, b) => a.pitch - b.pitch)[0]?.pitch ?? null;
    const name = chordName(group, bass ?? Math.min(...group), flats);
    if (name && names.at(-1) !== name) names.push(name);
  }
  return names;
}
