import type { TrackDocument } from '../document/projectDocument';

/**
 * A melodic track's notes on the song's timeline, as the piano roll shows them: notes live in clips
 * (ticks from the clip's start), the roll places them at ticks from the song's start. With the grid
 * snaps and the copied phrase (the roll's clipboard). The edits that change them are edits/noteEdits.ts.
 */
export interface PlacedNote {
  readonly clipId: string;
  readonly id: string;
  readonly pitch: number;
  /** Ticks from the song's start. */
  readonly tick: number;
  readonly duration: number;
  readonly velocity: number;
}

export function placedNotes(track: TrackDocument, barTicks: number): PlacedNote[] {
  return track.clips.flatMap((clip) =>
    clip.notes.map((n) => ({ clipId: clip.id, id: n.id, pitch: n.pitch, tick: clip.start_bar * barTicks + n.start_tick, duration: n.duration_ticks, velocity: n.velocity })),
  );
}

/** The grid position at or before `tick`; a snap of 0 means free. */
export const snapDown = (tick: number, snap: number): number => (snap > 0 ? Math.floor(tick / snap) * snap : Math.round(tick));
export const snapNearest = (tick: number, snap: number): number => (snap > 0 ? Math.round(tick / snap) * snap : Math.round(tick));

/** A copied phrase: notes relative to its first tick, as the clipboard keeps them. */
export interface Phrase {
  readonly notes: readonly { readonly offset: number; readonly pitch: number; readonly duration: number; readonly velocity: number }[];
  /** Its length, rounded up to whole beats, for duplicating right after itself. */
  readonly length: number;
}

export function phraseOf(notes: readonly PlacedNote[], beatTicks: number): Phrase | null {
  if (notes.length === 0) return null;
  const start = Math.min(...notes.map((n) => n.tick));
  const end = Math.max(...notes.map((n) => n.tick + n.duration));
  return {
    notes: notes.map((n) => ({ offset: n.tick - start, pitch: n.pitch, duration: n.duration, velocity: n.velocity })),
    length: Math.max(beatTicks, Math.ceil((end - start) / beatTicks) * beatTicks),
  };
}
