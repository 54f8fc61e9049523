import type { ProjectDocument, TrackDocument } from '../document/projectDocument';
import { sketchNotes } from './sketch';
import type { SketchTrack, Suggestion } from './suggestion';

/**
 * Telling that a suggestion was kept, by anyone: the server applies a kept suggestion as ordinary
 * operations of the agent's user and tells no one else which suggestion it was, so its card goes when
 * its tracks are in the project.
 */

const fingerprints = new WeakMap<TrackDocument, string>();

const noteKey = (n: { pitch: number; start_tick: number; duration_ticks: number; velocity: number }): string => `${n.pitch}:${n.start_tick}:${n.duration_ticks}:${n.velocity}`;

/** A track's musical content as a string: its kind and every note with its clip's bar (memoized per track object). */
export function trackFingerprint(track: TrackDocument): string {
  let f = fingerprints.get(track);
  if (f === undefined) {
    f = `${track.kind}|${track.clips.flatMap((c) => c.notes.map((n) => `${c.start_bar}:${noteKey(n)}`)).sort().join(',')}`;
    fingerprints.set(track, f);
  }
  return f;
}

/** What a suggestion's track will look like in the project once kept: one clip at bar 0, notes as the server writes them. */
export function sketchFingerprint(track: SketchTrack, ppq: number): string {
  return `${track.kind}|${sketchNotes(track, ppq, '').map((n) => `0:${noteKey(n)}`).sort().join(',')}`;
}

/**
 * The suggestions whose every track is now in the project: someone kept them (the server applies a kept
 * suggestion as ordinary operations of the agent's user and tells no one else which suggestion it was).
 * Tracks that were already there when the suggestion arrived (`before`) do not count, so an identical
 * earlier take never hides a new card.
 */
export function arrivedSuggestions(doc: ProjectDocument, open: readonly Suggestion[], before: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  if (open.length === 0) return [];
  const found: string[] = [];
  for (const s of open) {
    const old = before.get(s.suggestion_id);
    const candidates = doc.tracks.filter((t) => !old?.has(t.id));
    if (candidates.length === 0 || s.sketch.tracks.length === 0) continue;
    const prints = new Set(candidates.map(trackFingerprint));
    if (s.sketch.tracks.every((t) => prints.has(sketchFingerprint(t, s.sketch.ppq)))) found.push(s.suggestion_id);
  }
  return found;
}
