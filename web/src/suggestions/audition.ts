import type { ClipDocument, ProjectDocument, TrackDocument } from '../document/projectDocument';
import { defaultPresetFor } from '../document/trackKinds';
import { arrange } from '../music/arrangement';
import { ticksPerBar } from '../music/time';
import { parseMeter, sketchNotes } from './sketch';
import { KIND_ORDER, type Suggestion } from './suggestion';

/**
 * Auditioning suggestions: which open ones are heard, and the document the engine plays meanwhile
 * (the project plus the suggestions, looping over their bars). Listening never changes the project.
 */

/** Id of an audition track: never a document id (those are UUIDs), so it can never collide with one. */
export const auditionTrackId = (suggestionId: string, index: number): string => `audition:${suggestionId}:${index}`;

export const isAuditionTrack = (trackId: string): boolean => trackId.startsWith('audition:');

/** What is being auditioned: every open suggestion of one request, or just one of them. */
export interface AuditionTarget {
  readonly requestId: string;
  readonly only: string | null;
}

/** The open suggestions an audition plays, beat first. */
export function auditioned(open: readonly Suggestion[], target: AuditionTarget | null): Suggestion[] {
  if (!target) return [];
  return open
    .filter((s) => s.request_id === target.requestId && (target.only === null || s.suggestion_id === target.only))
    .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}

export interface AuditionOptions {
  /** Only the suggestions, without the project's tracks. */
  readonly alone: boolean;
}

/**
 * The tempo an audition plays at: what keeping it would give. A beat sets the project's tempo when kept;
 * chords or a melody kept alone play at the project's; heard alone, the suggestion plays at its own.
 */
export function auditionBpm(doc: ProjectDocument, suggestions: readonly Suggestion[], options: AuditionOptions): number {
  const beat = suggestions.find((s) => s.kind === 'beat');
  if (beat) return beat.sketch.bpm;
  if (options.alone && suggestions[0]) return suggestions[0].sketch.bpm;
  return doc.bpm;
}

/**
 * The document the engine plays while suggestions are auditioned: the project (unless heard alone)
 * with each suggestion's tracks added at the end, repeated to fill the song so that the suggestion
 * loops over its bars, with the presets the tracks will get when kept (drum kit, bass, keys, lead).
 * Never sent anywhere: the project itself is not changed by listening.
 */
export function auditionDocument(doc: ProjectDocument, suggestions: readonly Suggestion[], options: AuditionOptions): ProjectDocument {
  if (suggestions.length === 0) return doc;
  const base = options.alone ? [] : doc.tracks;
  const meter = options.alone ? parseMeter(suggestions[0]!.sketch.time_signature) : doc.time_signature;
  const suggestionBars = Math.max(...suggestions.map((s) => Math.max(1, Math.round(s.sketch.bars))));
  const totalBars = Math.max(suggestionBars, options.alone ? 0 : arrange(doc).lengthTicks / ticksPerBar(doc.time_signature));
  // Audition tracks stay audible when the project has a soloed track.
  const soloed = base.some((t) => t.solo);
  const tracks: TrackDocument[] = [...base];
  for (const s of suggestions) {
    const bars = Math.max(1, Math.round(s.sketch.bars));
    s.sketch.tracks.forEach((part, index) => {
      const id = auditionTrackId(s.suggestion_id, index);
      const notes = sketchNotes(part, s.sketch.ppq, `${id}:`);
      const clips: ClipDocument[] = [];
      for (let bar = 0; bar < totalBars; bar += bars) clips.push({ id: `${id}:${bar}`, start_bar: bar, length_bars: Math.min(bars, totalBars - bar), notes });
      tracks.push({ id, name: part.name, kind: part.kind, instrument: defaultPresetFor(part.kind), volume: 0, pan: 0, mute: false, solo: soloed, order: `~${tracks.length}`, clips });
    });
  }
  return {
    ...doc,
    bpm: auditionBpm(doc, suggestions, options),
    time_signature: meter,
    swing: options.alone ? 0 : doc.swing,
    tracks,
  };
}
