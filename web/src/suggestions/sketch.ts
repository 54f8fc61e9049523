import type { NoteDocument } from '../document/projectDocument';
import { parseKeyJson, type MusicalKey } from '../music/musicalKey';
import { TICKS_PER_QUARTER, type Meter } from '../music/time';
import type { SketchTrack } from './suggestion';

/** A suggestion's sketch read in the document's terms: its metre, its key, its notes in document ticks. */

/** "4/4" → {4, 4}; anything unreadable is 4/4, the agents' only metre. */
export function parseMeter(text: string): Meter {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const numerator = m ? Number(m[1]) : 4;
  const denominator = m ? Number(m[2]) : 4;
  return numerator > 0 && [1, 2, 4, 8, 16, 32].includes(denominator) ? { numerator, denominator } : { numerator: 4, denominator: 4 };
}

/** "A minor", "F# major" → the document's key; null when it cannot be read. */
export function parseKeyText(text: string): MusicalKey | null {
  const [tonic, mode] = text.trim().split(/\s+/);
  return tonic && mode ? parseKeyJson({ tonic, mode }) : null;
}

/** A time in the sketch's ticks (its ppq) in the document's (480 per quarter). */
export const toTicks = (value: number, ppq: number): number => Math.round((value * TICKS_PER_QUARTER) / (ppq > 0 ? ppq : TICKS_PER_QUARTER));

/** A sketch track's notes as document notes, as the server writes them when the suggestion is kept. */
export function sketchNotes(track: SketchTrack, ppq: number, idPrefix: string): NoteDocument[] {
  return track.notes.map((n, i) => ({
    id: `${idPrefix}${i}`,
    pitch: Math.min(127, Math.max(0, Math.round(n.pitch))),
    start_tick: Math.max(0, toTicks(n.start, ppq)),
    duration_ticks: Math.max(1, toTicks(n.duration, ppq)),
    velocity: Math.min(127, Math.max(1, Math.round(n.velocity))),
  }));
}
