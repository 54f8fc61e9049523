import type { ClipDocument, TrackDocument } from '../document/projectDocument';
import { DRUM_LANES, drumVoiceOf } from './drumMap';
import { ticksPerBar, type Meter } from './time';

/**
 * A drum track seen as a step sequencer: lanes (the kit's voices) by steps (16 or 32 per bar). The
 * grid is a view of the notes of the track's pattern — its first clip — and every click becomes note
 * inserts and deletes (edits/stepEdits.ts); there is no second copy of the pattern to keep in sync.
 */
export type StepsPerBar = 16 | 32;

export const DEFAULT_VELOCITY = 100;
export const ACCENT_VELOCITY = 127;
export const GHOST_VELOCITY = 60;

export interface NoteRef {
  readonly clipId: string;
  readonly noteId: string;
  readonly velocity: number;
}

export interface StepCell {
  readonly on: boolean;
  /** The loudest note in the step (what the cell shows). */
  readonly velocity: number;
  readonly notes: readonly NoteRef[];
}

export interface StepGrid {
  readonly clip: ClipDocument | null;
  /** Steps shown (the page), and the pattern step the first of them is. */
  readonly steps: number;
  readonly firstStep: number;
  /** Bars in the whole pattern (the clip's length). */
  readonly patternBars: number;
  readonly ticksPerStep: number;
  /** One row per entry of DRUM_LANES. */
  readonly lanes: readonly (readonly StepCell[])[];
}

const EMPTY: StepCell = { on: false, velocity: 0, notes: [] };

/** The clip the grid edits: the track's first, by bar then id, as every replica orders them. */
export const patternClipOf = (track: TrackDocument): ClipDocument | null => track.clips[0] ?? null;

/**
 * The grid of a page of the pattern: `pageBars` bars from bar `firstBar` of the pattern (a long
 * imported drum part is edited a few bars at a time, not squeezed into one row of tiny steps).
 */
export function stepGridOf(track: TrackDocument, meter: Meter, stepsPerBar: StepsPerBar, firstBar = 0, pageBars = Infinity): StepGrid {
  const barTicks = ticksPerBar(meter);
  const clip = patternClipOf(track);
  const patternBars = clip?.length_bars ?? 1;
  const first = Math.max(0, Math.min(firstBar, patternBars - 1));
  const bars = Math.min(pageBars, patternBars - first);
  const steps = bars * stepsPerBar;
  const firstStep = first * stepsPerBar;
  const tps = barTicks / stepsPerBar;
  const start = ((clip?.start_bar ?? 0) + first) * barTicks;
  const lanes: StepCell[][] = DRUM_LANES.map(() => new Array<StepCell>(steps).fill(EMPTY));
  // Notes of every clip that overlaps the pattern show up, so that a second clip made concurrently by
  // someone else is not invisible (and can be cleared from the grid).
  for (const c of track.clips) {
    const offset = c.start_bar * barTicks - start;
    for (const n of c.notes) {
      const at = offset + n.start_tick;
      if (at < 0 || n.start_tick >= c.length_bars * barTicks) continue;
      const step = Math.floor(at / tps);
      if (step >= steps) continue;
      const lane = DRUM_LANES.findIndex((l) => l.voice === drumVoiceOf(n.pitch));
      const row = lanes[lane]!;
      const cell = row[step]!;
      row[step] = { on: true, velocity: Math.max(cell.velocity, n.velocity), notes: [...cell.notes, { clipId: c.id, noteId: n.id, velocity: n.velocity }] };
    }
  }
  return { clip, steps, firstStep, patternBars, ticksPerStep: tps, lanes };
}

/** Accents cycle normal → accent → ghost → normal, the three dynamics of a drum machine's steps. */
export function nextAccent(velocity: number): number {
  if (velocity >= ACCENT_VELOCITY) return GHOST_VELOCITY;
  if (velocity <= GHOST_VELOCITY) return DEFAULT_VELOCITY;
  return ACCENT_VELOCITY;
}
