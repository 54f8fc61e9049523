import type { TrackDocument } from '../../document/projectDocument';
import type { PlacedNote } from '../../music/placedNotes';

/**
 * The piano roll's coordinates: the keyboard on the left, the bar ruler on top, a row per pitch and
 * time running right. Pure, so that drawing and gestures agree on where a note is.
 */
export const KEYS_WIDTH = 56;
export const RULER = 20;
export const ROW = 14;
/** How near a note's right end (px) a press resizes instead of moving. */
export const EDGE = 6;

/** How the roll is looked at: the person's settings, kept by the panel. */
export interface RollView {
  /** Snap in ticks; 0 = free. */
  readonly snap: number;
  readonly pxPerBeat: number;
  /** Shade the rows of the project's key. */
  readonly scale: boolean;
}

/** Canvas pixels ↔ song ticks and pitches, for one scroll position and zoom. */
export class RollGeometry {
  constructor(
    readonly scrollTick: number,
    readonly topPitch: number,
    readonly pxPerTick: number,
  ) {}

  x(tick: number): number {
    return KEYS_WIDTH + (tick - this.scrollTick) * this.pxPerTick;
  }

  y(pitch: number): number {
    return RULER + (this.topPitch - pitch) * ROW;
  }

  tickAt(x: number): number {
    return this.scrollTick + (x - KEYS_WIDTH) / this.pxPerTick;
  }

  pitchAt(y: number): number {
    return this.topPitch - Math.floor((y - RULER) / ROW);
  }

  /** The note under a point (the last drawn, so the one on top), and whether the point is on its right edge. */
  hit(notes: readonly PlacedNote[], x: number, y: number): { note: PlacedNote; edge: boolean } | null {
    const pitch = this.pitchAt(y);
    for (let i = notes.length - 1; i >= 0; i--) {
      const n = notes[i]!;
      if (n.pitch !== pitch) continue;
      const x0 = this.x(n.tick);
      const x1 = x0 + Math.max(3, n.duration * this.pxPerTick);
      if (x >= x0 && x <= x1) return { note: n, edge: x >= x1 - EDGE };
    }
    return null;
  }
}

/** A drag in progress: drawing a new note, moving notes, or resizing them (in ticks and semitones so far). */
export type Drag =
  | { mode: 'draw'; tick: number; pitch: number; end: number }
  | { mode: 'move'; x: number; y: number; notes: PlacedNote[]; dTick: number; dPitch: number }
  | { mode: 'resize'; x: number; notes: PlacedNote[]; dTick: number };

/** Id of the note being drawn, before it is one. */
export const DRAFT_ID = '__draft';

/** What the notes look like with a drag applied: it is previewed here and written once, when let go. */
export function previewDrag(notes: readonly PlacedNote[], drag: Drag | null, snap: number): readonly PlacedNote[] {
  if (!drag) return notes;
  if (drag.mode === 'draw') return [...notes, { clipId: '', id: DRAFT_ID, pitch: drag.pitch, tick: drag.tick, duration: Math.max(1, drag.end - drag.tick), velocity: 100 }];
  const ids = new Set(drag.notes.map((n) => n.id));
  return notes.map((n) => {
    if (!ids.has(n.id)) return n;
    if (drag.mode === 'move') return { ...n, tick: Math.max(0, n.tick + drag.dTick), pitch: Math.min(127, Math.max(0, n.pitch + drag.dPitch)) };
    return { ...n, duration: Math.max(snap || 10, n.duration + drag.dTick) };
  });
}

/** The top row when a track opens: its notes centred, or a register that suits its kind. */
export function initialTop(track: TrackDocument): number {
  const pitches = track.clips.flatMap((c) => c.notes.map((n) => n.pitch));
  if (pitches.length > 0) return Math.min(127, Math.round((Math.max(...pitches) + Math.min(...pitches)) / 2) + 8);
  return track.kind === 'bass' ? 52 : 80;
}
