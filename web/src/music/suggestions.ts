import type { ClipDocument, NoteDocument, ProjectDocument, TrackDocument } from '../document/projectDocument';
import { drumVoiceOf, type DrumVoice } from './drumMap';
import { parseKeyJson, pitchClassName, prefersFlats, type MusicalKey } from './musicalKey';
import { ticksPerBar, TICKS_PER_QUARTER, type Meter } from './time';
import { defaultPresetFor, TRACK_KINDS, type TrackKind } from '../document/trackKinds';

/**
 * The agents' suggestions (docs/hub.md `agent:suggestion`) and everything pure the studio does with
 * them: the audition document the engine plays (the project plus the suggestion, looping over its
 * bars), the cards' previews (a step grid for a beat, a note roll and chord names for the rest), and
 * telling when a suggestion's tracks have arrived in the project (someone kept it).
 */
export type SuggestionKind = 'beat' | 'harmony' | 'melody';

export interface SketchNote {
  readonly pitch: number;
  /** Ticks from the sketch's start, at the sketch's ppq. */
  readonly start: number;
  readonly duration: number;
  readonly velocity: number;
}

export interface SketchTrack {
  readonly name: string;
  readonly kind: TrackKind;
  readonly notes: readonly SketchNote[];
}

export interface Sketch {
  readonly bpm: number;
  readonly time_signature: string;
  readonly key: string;
  readonly ppq: number;
  readonly bars: number;
  readonly tracks: readonly SketchTrack[];
}

export interface Suggestion {
  readonly suggestion_id: string;
  readonly project_id: string;
  readonly agent: string;
  readonly kind: SuggestionKind;
  readonly request_id: string;
  readonly prompt: string;
  /** The user id of whoever asked ("api" for the REST API). */
  readonly requested_by: string;
  readonly bpm: number;
  readonly key: string;
  readonly bars: number;
  readonly sketch: Sketch;
  readonly created_at: string;
}

/** Cards are shown in this order within a request: the beat, then what sits on it. */
export const KIND_ORDER: readonly SuggestionKind[] = ['beat', 'harmony', 'melody'];

export const KIND_TITLES: Record<SuggestionKind, string> = { beat: 'Beat', harmony: 'Chords + bass', melody: 'Melody' };

/** A payload from the hub is checked before the studio trusts it: a malformed one is ignored, not drawn. */
export function isSuggestion(value: unknown): value is Suggestion {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  const sketch = s.sketch as Record<string, unknown> | undefined;
  return (
    typeof s.suggestion_id === 'string' &&
    typeof s.request_id === 'string' &&
    typeof s.prompt === 'string' &&
    (KIND_ORDER as readonly unknown[]).includes(s.kind) &&
    typeof sketch === 'object' &&
    sketch !== null &&
    Array.isArray(sketch.tracks) &&
    (sketch.tracks as unknown[]).every(
      (t) =>
        typeof t === 'object' &&
        t !== null &&
        (TRACK_KINDS as readonly unknown[]).includes((t as SketchTrack).kind) &&
        Array.isArray((t as SketchTrack).notes) &&
        (t as SketchTrack).notes.every((n) => typeof n?.pitch === 'number' && typeof n.start === 'number' && typeof n.duration === 'number' && typeof n.velocity === 'number'),
    )
  );
}

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

const toTicks = (value: number, ppq: number): number => Math.round((value * TICKS_PER_QUARTER) / (ppq > 0 ? ppq : TICKS_PER_QUARTER));

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

/** Whole bars up to the end of the last clip (the loop), as arrangement.ts counts them. */
export function songBars(doc: ProjectDocument): number {
  let bars = 0;
  for (const t of doc.tracks) for (const c of t.clips) bars = Math.max(bars, c.start_bar + c.length_bars);
  return bars;
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
  const totalBars = Math.max(suggestionBars, options.alone ? 0 : songBars(doc));
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

// ---------------------------------------------------------------- previews

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

// ---------------------------------------------------------------- chord names

/**
 * The name of a chord from its pitch classes and its bass ("Dm9", "Cmaj7", "G7sus4", "F#dim"): each
 * note in turn is tried as the root, scored by how well third, fifth, seventh and extensions explain
 * the rest, with a bonus for the bass. Good enough to read a progression off a card, not a theory engine.
 */
export function chordName(pitches: readonly number[], bass: number | null, flats = false): string | null {
  const set = new Set(pitches.map((p) => ((p % 12) + 12) % 12));
  const bassPc = bass === null ? null : ((bass % 12) + 12) % 12;
  if (bassPc !== null) set.add(bassPc);
  if (set.size === 1) return pitchClassName([...set][0]!, flats);
  let best: { score: number; name: string } | null = null;
  for (const root of set) {
    const has = (i: number) => set.has((root + i) % 12);
    // The third decides the family; a chord with both thirds or neither (and no sus) is not named from here.
    const quality = has(4) && !has(3) ? 'maj' : has(3) && !has(4) ? 'min' : !has(3) && !has(4) && has(5) ? 'sus4' : !has(3) && !has(4) && has(2) ? 'sus2' : null;
    if (quality === null) continue;
    const fifth = has(7) ? 7 : quality === 'min' && has(6) ? 6 : quality === 'maj' && has(8) ? 8 : null;
    const seventh = has(11) ? 11 : has(10) ? 10 : fifth === 6 && has(9) ? 9 : null;
    const ninth = quality !== 'sus2' && has(2);
    const eleventh = quality === 'min' && seventh === 10 && has(5);
    const sixth = seventh === null && fifth !== 6 && has(9);
    const explained = 2 + (fifth ? 1 : 0) + (seventh ? 1 : 0) + (ninth ? 1 : 0) + (eleventh ? 1 : 0) + (sixth ? 1 : 0);
    const score =
      (root === bassPc ? 1.5 : 0) +
      (quality === 'maj' || quality === 'min' ? 2 : 0.5) +
      (fifth === 7 ? 1 : fifth ? 0.6 : 0) +
      (seventh ? 1 : 0) +
      (ninth ? 0.4 : 0) +
      (eleventh ? 0.3 : 0) +
      (sixth ? 0.4 : 0) -
      1.5 * (set.size - explained);
    const m = quality === 'min' ? 'm' : '';
    const sus = quality === 'sus4' || quality === 'sus2' ? quality : '';
    let suffix: string;
    if (fifth === 6) suffix = seventh === 9 ? 'dim7' : seventh === 10 ? 'm7b5' : 'dim';
    else if (fifth === 8 && seventh === null) suffix = 'aug';
    else if (seventh === 11) suffix = m ? 'm(maj7)' : `${ninth ? 'maj9' : 'maj7'}${sus}`;
    else if (seventh === 10) suffix = eleventh ? 'm11' : `${m}${ninth ? 9 : 7}${sus}`;
    else if (sixth) suffix = `${m}6${sus}`;
    else if (ninth && !sus) suffix = `${m}add9`;
    else suffix = m + sus;
    const name = pitchClassName(root, flats) + suffix;
    if (!best || score > best.score) best = { score, name };
  }
  return best?.name ?? null;
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

// ---------------------------------------------------------------- kept elsewhere

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
