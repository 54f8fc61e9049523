import type { Edit } from '../collab/operations/edit';
import { LIMITS } from '../document/limits';
import type { TrackDocument } from '../document/projectDocument';
import type { Phrase, PlacedNote } from '../music/placedNotes';

/**
 * Piano-roll gestures as edits, pure functions of the track: notes live in clips, the roll shows them on
 * one song timeline (music/placedNotes.ts). Placing, moving and resizing translate between the two and
 * grow a clip when a note goes past its end, so that what is drawn is also what plays.
 */

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The clip a note at song tick `tick` belongs in: the one that spans it, else the last before it. */
function clipFor(track: TrackDocument, barTicks: number, tick: number) {
  const spanning = track.clips.find((c) => tick >= c.start_bar * barTicks && tick < (c.start_bar + c.length_bars) * barTicks);
  if (spanning) return spanning;
  const before = track.clips.filter((c) => c.start_bar * barTicks <= tick);
  return before.at(-1) ?? null;
}

/** Grows the clip so that a note ending at song tick `end` fits, as one update (or none). */
function growEdit(trackId: string, clip: { id: string; start_bar: number; length_bars: number }, barTicks: number, end: number): Edit | null {
  const bars = Math.ceil((end - clip.start_bar * barTicks) / barTicks);
  if (bars <= clip.length_bars) return null;
  return { type: 'update', path: ['tracks', trackId, 'clips', clip.id, 'length_bars'], value: Math.min(LIMITS.maxClipLengthBars, bars) };
}

/** Draws a note: into the clip under it (grown to fit), or a new clip from bar 0 when the track has none. */
export function drawNote(track: TrackDocument, barTicks: number, tick: number, pitch: number, duration: number, velocity: number, newId: () => string): Edit[] {
  const start = Math.max(0, Math.round(tick));
  const length = Math.max(1, Math.round(duration));
  const edits: Edit[] = [];
  let clip = clipFor(track, barTicks, start);
  if (!clip) {
    clip = { id: newId(), start_bar: 0, length_bars: Math.max(1, Math.ceil((start + length) / barTicks)), notes: [] };
    edits.push({ type: 'insert', path: ['tracks', track.id, 'clips', clip.id], value: { start_bar: 0, length_bars: clip.length_bars } });
  } else {
    // A note past the end of the clip would not play: grow the clip to cover where it starts.
    const grow = growEdit(track.id, clip, barTicks, start + 1);
    if (grow) edits.push(grow);
  }
  edits.push({
    type: 'insert',
    path: ['tracks', track.id, 'clips', clip.id, 'notes', newId()],
    value: { pitch: clamp(pitch, 0, 127), start_tick: start - clip.start_bar * barTicks, duration_ticks: length, velocity },
  });
  return edits;
}

/** Moves notes by whole ticks and semitones, staying in their clips (which grow when needed). */
export function moveNotes(track: TrackDocument, barTicks: number, notes: readonly PlacedNote[], dTick: number, dPitch: number): Edit[] {
  const edits: Edit[] = [];
  const grown = new Map<string, number>();
  for (const n of notes) {
    const clip = track.clips.find((c) => c.id === n.clipId);
    if (!clip) continue;
    const clipStart = clip.start_bar * barTicks;
    const tick = Math.max(clipStart, n.tick + dTick);
    const pitch = clamp(n.pitch + dPitch, 0, 127);
    const path = ['tracks', track.id, 'clips', clip.id, 'notes', n.id];
    if (tick !== n.tick) edits.push({ type: 'update', path: [...path, 'start_tick'], value: tick - clipStart });
    if (pitch !== n.pitch) edits.push({ type: 'update', path: [...path, 'pitch'], value: pitch });
    grown.set(clip.id, Math.max(grown.get(clip.id) ?? 0, tick + 1));
  }
  for (const [clipId, end] of grown) {
    const grow = growEdit(track.id, track.clips.find((c) => c.id === clipId)!, barTicks, end);
    if (grow) edits.push(grow);
  }
  return edits;
}

export function resizeNotes(track: TrackDocument, notes: readonly PlacedNote[], dTick: number, minimum: number): Edit[] {
  return notes
    .map((n): Edit | null => {
      const duration = Math.max(minimum, n.duration + dTick);
      return duration === n.duration ? null : { type: 'update', path: ['tracks', track.id, 'clips', n.clipId, 'notes', n.id, 'duration_ticks'], value: Math.min(LIMITS.maxTicks, duration) };
    })
    .filter((e): e is Edit => e !== null);
}

export const deleteNotes = (track: TrackDocument, notes: readonly PlacedNote[]): Edit[] =>
  notes.map((n) => ({ type: 'delete', path: ['tracks', track.id, 'clips', n.clipId, 'notes', n.id] }));

/** Pastes a phrase at song tick `at`: into the clips under it (grown once each), or one new clip. */
export function pastePhrase(track: TrackDocument, barTicks: number, phrase: Phrase, at: number, newId: () => string): { edits: Edit[]; ids: string[] } {
  const edits: Edit[] = [];
  const ids: string[] = [];
  const ends = new Map<string, number>();
  let fresh: { id: string; start_bar: number; length_bars: number } | null = null;
  const inserts: Edit[] = [];
  for (const n of phrase.notes) {
    const tick = Math.max(0, Math.round(at + n.offset));
    let clip: { id: string; start_bar: number; length_bars: number } | null = clipFor(track, barTicks, tick);
    if (!clip) clip = fresh ??= { id: newId(), start_bar: 0, length_bars: 1 };
    ends.set(clip.id, Math.max(ends.get(clip.id) ?? 0, tick + 1));
    const id = newId();
    ids.push(id);
    inserts.push({
      type: 'insert',
      path: ['tracks', track.id, 'clips', clip.id, 'notes', id],
      value: { pitch: n.pitch, start_tick: tick - clip.start_bar * barTicks, duration_ticks: n.duration, velocity: n.velocity },
    });
  }
  if (fresh) {
    edits.push({ type: 'insert', path: ['tracks', track.id, 'clips', fresh.id], value: { start_bar: 0, length_bars: Math.max(1, Math.ceil(ends.get(fresh.id)! / barTicks)) } });
    ends.delete(fresh.id);
  }
  for (const [clipId, end] of ends) {
    const grow = growEdit(track.id, track.clips.find((c) => c.id === clipId)!, barTicks, end);
    if (grow) edits.push(grow);
  }
  return { edits: [...edits, ...inserts], ids };
}
