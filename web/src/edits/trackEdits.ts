import type { ProjectDocument, TrackDocument } from '../document/projectDocument';
import type { Edit } from '../collab/operations/edit';
import { keyBetween, spreadKeys } from '../document/fractionalIndex';
import { defaultTrackName, type TrackKind } from '../document/trackKinds';
import { arrange } from '../music/arrangement';
import { ticksPerBar } from '../music/time';

/** Track-level edits: add, move, pattern length. Pure, so that they are easy to reason about. */

/** What the add-track control offers first: drums for a new project, then what a song still lacks. */
export function suggestedKind(doc: ProjectDocument): TrackKind {
  const has = (k: TrackKind) => doc.tracks.some((t) => t.kind === k);
  for (const kind of ['drums', 'bass', 'keys', 'lead', 'pad'] as const) if (!has(kind)) return kind;
  return 'keys';
}

/** A new track at the end, with a clip to write into (as long as the song, so it loops with it). */
export function addTrack(doc: ProjectDocument, kind: TrackKind, newId: () => string): Edit[] {
  const last = doc.tracks.at(-1)?.order ?? null;
  const sameKind = doc.tracks.filter((t) => t.kind === kind).length;
  const trackId = newId();
  const bars = kind === 'drums' ? 1 : Math.max(1, Math.round(arrange(doc).lengthTicks / ticksPerBar(doc.time_signature)));
  return [
    { type: 'insert', path: ['tracks', trackId], value: { kind, order: keyBetween(last, null), name: defaultTrackName(kind) + (sameKind > 0 ? ` ${sameKind + 1}` : '') } },
    { type: 'insert', path: ['tracks', trackId, 'clips', newId()], value: { start_bar: 0, length_bars: bars } },
  ];
}

/**
 * Moves a track one place up or down by giving it an order key between its new neighbours: one
 * update, whoever else is reordering. Equal keys (two tracks added at once by two people) have
 * nothing between them; then the whole list gets fresh keys in the order shown.
 */
export function moveTrack(tracks: readonly TrackDocument[], index: number, delta: -1 | 1): Edit[] {
  const target = index + delta;
  if (target < 0 || target >= tracks.length) return [];
  const order = tracks.map((t) => t);
  const [moved] = order.splice(index, 1);
  order.splice(target, 0, moved!);
  const before = order[target - 1]?.order ?? null;
  const after = order[target + 1]?.order ?? null;
  if (before === null || after === null || before < after) {
    return [{ type: 'update', path: ['tracks', moved!.id, 'order'], value: keyBetween(before, after) }];
  }
  const keys = spreadKeys(null, null, order.length);
  return order.map((t, i) => ({ type: 'update', path: ['tracks', t.id, 'order'], value: keys[i]! }));
}

/**
 * Sets a drum pattern's length in bars. Lengthening repeats the pattern into the new bars, as drum
 * machines do ("double"); shortening keeps the notes past the end (they come back if lengthened).
 */
export function setPatternBars(track: TrackDocument, meterTicks: number, bars: number, newId: () => string): Edit[] {
  const clip = track.clips[0];
  if (!clip) return [{ type: 'insert', path: ['tracks', track.id, 'clips', newId()], value: { start_bar: 0, length_bars: bars } }];
  if (bars === clip.length_bars) return [];
  const edits: Edit[] = [{ type: 'update', path: ['tracks', track.id, 'clips', clip.id, 'length_bars'], value: bars }];
  if (bars > clip.length_bars) {
    const source = clip.notes.filter((n) => n.start_tick < clip.length_bars * meterTicks);
    for (let bar = clip.length_bars; bar < bars; bar++) {
      const occupied = clip.notes.some((n) => n.start_tick >= bar * meterTicks && n.start_tick < (bar + 1) * meterTicks);
      if (occupied) continue;
      const from = (bar % clip.length_bars) * meterTicks;
      for (const n of source) {
        if (n.start_tick < from || n.start_tick >= from + meterTicks) continue;
        edits.push({
          type: 'insert',
          path: ['tracks', track.id, 'clips', clip.id, 'notes', newId()],
          value: { pitch: n.pitch, start_tick: n.start_tick - from + bar * meterTicks, duration_ticks: n.duration_ticks, velocity: n.velocity },
        });
      }
    }
  }
  return edits;
}
