import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ProjectReplica } from '../src/collab/replica/ProjectReplica';
import type { CollaborativeOperation } from '../src/collab/operations/operation';
import type { Edit } from '../src/collab/operations/edit';
import type { ProjectDocument } from '../src/document/projectDocument';
import { arrange } from '../src/music/arrangement';
import { chordName } from '../src/music/chordNames';
import { arrivedSuggestions } from '../src/suggestions/arrival';
import { auditionDocument, isAuditionTrack } from '../src/suggestions/audition';
import { beatPreview, chordProgression, rollPreview } from '../src/suggestions/previews';
import { parseKeyText } from '../src/suggestions/sketch';
import { isSuggestion, type Suggestion } from '../src/suggestions/suggestion';
import { Sequencer } from '../src/music/Sequencer';
import { EffectFamilies, visualInstrument, type EffectRequest } from '../src/music/visualEffects';

// One real answer of the agents to "lo-fi beat, 85 bpm, A minor, laid back" (seed 7), as
// POST /api/projects/{id}/agents/compose returned it: a beat, chords + bass, a melody.
const compose = JSON.parse(readFileSync(resolve(import.meta.dirname, 'fixtures/compose-lofi.json'), 'utf8')) as { suggestions: Suggestion[] };
const byKind = (kind: Suggestion['kind']) => compose.suggestions.find((s) => s.kind === kind)!;
const beat = byKind('beat');
const harmony = byKind('harmony');
const melody = byKind('melody');

function project(edits: Edit[] = []): { replica: ProjectReplica; apply: (user: string, list: Edit[]) => void; doc: () => ProjectDocument } {
  const replica = new ProjectReplica('p');
  const counts = new Map<string, number>();
  let n = 0;
  const apply = (user: string, list: Edit[]) => {
    for (const e of list) {
      const c = (counts.get(user) ?? 0) + 1;
      counts.set(user, c);
      n++;
      const op: CollaborativeOperation = { op_id: `o${n}`, user_id: user, session_id: user, type: e.type, path: e.path, ...('value' in e ? { value: e.value } : {}), version_vector: { ...Object.fromEntries(counts) }, timestamp: n };
      expect(replica.apply(op)).toBeNull();
    }
  };
  apply('u', [{ type: 'update', path: ['name'], value: 'Song' }, ...edits]);
  return { replica, apply, doc: () => replica.toDocument() };
}

/** What SuggestionBoard.AcceptAsync does on the server: a track per sketch part, one clip at bar 0, the notes. */
function keepAsTheServerDoes(s: Suggestion, apply: (user: string, list: Edit[]) => void, order: string): void {
  const edits: Edit[] = [];
  s.sketch.tracks.forEach((part, i) => {
    const t = `${s.suggestion_id}-t${i}`;
    edits.push({ type: 'insert', path: ['tracks', t], value: { name: part.name, kind: part.kind, order: `${order}${i + 1}` } });
    edits.push({ type: 'insert', path: ['tracks', t, 'clips', 'c'], value: { start_bar: 0, length_bars: s.sketch.bars } });
    part.notes.forEach((n, j) =>
      edits.push({ type: 'insert', path: ['tracks', t, 'clips', 'c', 'notes', `n${j}`], value: { pitch: n.pitch, start_tick: n.start, duration_ticks: Math.max(1, n.duration), velocity: Math.min(127, Math.max(1, n.velocity)) } }),
    );
  });
  apply(`agent:${s.agent}`, edits);
}

const drums1Bar: Edit[] = [
  { type: 'insert', path: ['tracks', 'd'], value: { kind: 'drums', order: 'V' } },
  { type: 'insert', path: ['tracks', 'd', 'clips', 'c'], value: { start_bar: 0, length_bars: 1 } },
  { type: 'insert', path: ['tracks', 'd', 'clips', 'c', 'notes', 'k'], value: { pitch: 36, start_tick: 0, duration_ticks: 120, velocity: 100 } },
];

describe('suggestions from the hub', () => {
  it('accepts the server’s payloads and refuses malformed ones', () => {
    for (const s of compose.suggestions) expect(isSuggestion(s)).toBe(true);
    expect(isSuggestion(null)).toBe(false);
    expect(isSuggestion({ ...beat, kind: 'bass' })).toBe(false);
    expect(isSuggestion({ ...beat, sketch: { ...beat.sketch, tracks: [{ name: 'x', kind: 'drums', notes: [{ pitch: 'C' }] }] } })).toBe(false);
    expect(parseKeyText('A minor')).toEqual({ tonic: 9, mode: 1 });
    expect(parseKeyText('F# dorian')).toEqual({ tonic: 6, mode: 2 });
    expect(parseKeyText('nonsense')).toBeNull();
  });
});

describe('the audition document', () => {
  it('adds the suggestions’ tracks after the project’s, with the presets they will be kept with, without touching the project', () => {
    const { doc } = project(drums1Bar);
    const before = doc();
    const heard = auditionDocument(before, [beat, harmony, melody], { alone: false });
    expect(heard.tracks.map((t) => [t.kind, t.instrument])).toEqual([
      ['drums', 'drum-kit'],
      ['drums', 'drum-kit'],
      ['chords', 'keys'],
      ['bass', 'bass'],
      ['lead', 'lead'],
    ]);
    expect(heard.tracks[0]).toBe(before.tracks[0]);
    expect(heard.tracks.slice(1).every((t) => isAuditionTrack(t.id))).toBe(true);
    expect(before.tracks).toHaveLength(1);
    // A beat sets the tempo when kept, so the audition plays at its tempo.
    expect(heard.bpm).toBe(85);
    expect(auditionDocument(before, [beat], { alone: true }).tracks).toHaveLength(1);
  });

  it('plays at the tempo keeping would give: the beat’s, the project’s for chords or a melody, its own when heard alone', () => {
    const { doc } = project();
    expect(doc().bpm).toBe(120);
    expect(auditionDocument(doc(), [melody], { alone: false }).bpm).toBe(120);
    expect(auditionDocument(doc(), [melody], { alone: true }).bpm).toBe(85);
    expect(auditionDocument(doc(), [melody, beat], { alone: false }).bpm).toBe(85);
  });

  it('loops over the suggestion’s bars, repeated to fill a longer song', () => {
    const { doc, apply } = project(drums1Bar);
    const short = arrange(auditionDocument(doc(), [beat], { alone: false }));
    expect(short.lengthTicks).toBe(4 * 1920);
    const notesOf = (a: ReturnType<typeof arrange>) => a.notes.filter((n) => isAuditionTrack(n.trackId)).length;
    expect(notesOf(short)).toBe(beat.sketch.tracks[0]!.notes.length);
    // A 10-bar song: the 4-bar beat plays three times, the last one cut at bar 10.
    apply('u', [{ type: 'update', path: ['tracks', 'd', 'clips', 'c', 'length_bars'], value: 10 }]);
    const long = arrange(auditionDocument(doc(), [beat], { alone: false }));
    expect(long.lengthTicks).toBe(10 * 1920);
    const perPass = beat.sketch.tracks[0]!.notes;
    const inFirstTwoBars = perPass.filter((n) => n.start < 2 * 1920).length;
    expect(notesOf(long)).toBe(2 * perPass.length + inFirstTwoBars);
  });

  it('is heard through the sequencer: every note of every part, once per pass, at the audition tempo', () => {
    const { doc } = project();
    const song = arrange(auditionDocument(doc(), [beat, harmony, melody], { alone: false }));
    const seq = new Sequencer(0.1);
    seq.start(0, song.bpm);
    const heard: { trackId: string; time: number }[] = [];
    const passSeconds = (4 * 4 * 60) / 85;
    for (let now = 0; now < passSeconds * 2 - 0.2; now += 0.025) seq.advance(now, song, { note: (e) => heard.push({ trackId: e.note.trackId, time: e.time }) });
    const total = [beat, harmony, melody].reduce((sum, s) => sum + s.sketch.tracks.reduce((n, t) => n + t.notes.length, 0), 0);
    const firstPass = heard.filter((h) => h.time < passSeconds - 1e-9);
    expect(firstPass).toHaveLength(total);
    expect(new Set(firstPass.map((h) => h.trackId)).size).toBe(4);
    // The second pass starts again with the beat's first hit exactly one pass later.
    expect(heard.some((h) => Math.abs(h.time - passSeconds) < 1e-9)).toBe(true);
  });

  it('keeps the suggestion audible when the project has a soloed track', () => {
    const { doc, apply } = project(drums1Bar);
    apply('u', [{ type: 'update', path: ['tracks', 'd', 'solo'], value: true }]);
    const heard = auditionDocument(doc(), [melody], { alone: false });
    expect(heard.tracks.filter((t) => isAuditionTrack(t.id)).every((t) => t.solo)).toBe(true);
    expect(auditionDocument(project().doc(), [melody], { alone: false }).tracks.every((t) => !t.solo)).toBe(true);
  });
});

describe('card previews', () => {
  it('puts a beat on a 16th grid: rows with hits only, each hit on its nearest step, the loudest per step', () => {
    const p = beatPreview(beat.sketch);
    expect(p.steps).toBe(64);
    expect(p.rows.map((r) => r.row)).toEqual(['hats', 'snare', 'kick']);
    const kick = p.rows.find((r) => r.row === 'kick')!;
    expect(kick.cells[0]).toBe(102); // the downbeat
    // A laid-back hat at tick 232 sits on step 2 (240), not step 1.
    expect(p.rows.find((r) => r.row === 'hats')!.cells[2]).toBeGreaterThan(0);
    const hits = p.rows.reduce((n, r) => n + r.cells.filter((c) => c > 0).length, 0);
    expect(hits).toBeLessThanOrEqual(beat.sketch.tracks[0]!.notes.length);
    expect(hits).toBeGreaterThan(beat.sketch.tracks[0]!.notes.length / 2);
  });

  it('draws chords and bass in one roll, with room around the notes', () => {
    const r = rollPreview(harmony.sketch);
    expect(r.lengthTicks).toBe(4 * 1920);
    expect(r.notes).toHaveLength(harmony.sketch.tracks[0]!.notes.length + harmony.sketch.tracks[1]!.notes.length);
    expect(new Set(r.notes.map((n) => n.track))).toEqual(new Set([0, 1]));
    expect(r.low).toBeLessThan(Math.min(...r.notes.map((n) => n.pitch)));
    expect(r.high - r.low).toBeGreaterThanOrEqual(12);
  });

  it('names chords from their notes and bass', () => {
    expect(chordName([60, 64, 67], 48)).toBe('C');
    expect(chordName([57, 60, 64], 45)).toBe('Am');
    expect(chordName([60, 64, 67, 71], null)).toBe('Cmaj7');
    expect(chordName([67, 71, 74, 77], 43)).toBe('G7');
    expect(chordName([62, 65, 69, 72], 50)).toBe('Dm7');
    expect(chordName([60, 62, 64, 65], 38)).toBe('Dm9'); // D F A C E with the fifth left out
    expect(chordName([59, 62, 65], 47)).toBe('Bdim');
    expect(chordName([59, 62, 65, 69], 47)).toBe('Bm7b5');
    expect(chordName([60, 65, 67], 48)).toBe('Csus4');
    expect(chordName([58, 62, 65], 46, true)).toBe('Bb');
    expect(chordName([57, 60, 64, 67], null)).toBe('Am7');
    // The lo-fi fixture: a minor-ninths progression in A minor.
    expect(chordProgression(harmony.sketch)).toEqual(['Dm9', 'Em7', 'Am9']);
  });
});

describe('telling that a suggestion was kept', () => {
  it('finds a suggestion once all its tracks are in the project, and not before', () => {
    const { doc, apply } = project(drums1Bar);
    const open = [beat, harmony, melody];
    const before = new Map(open.map((s) => [s.suggestion_id, new Set(doc().tracks.map((t) => t.id))]));
    expect(arrivedSuggestions(doc(), open, before)).toEqual([]);
    keepAsTheServerDoes(harmony, apply, 'X');
    expect(arrivedSuggestions(doc(), open, before)).toEqual([harmony.suggestion_id]);
    keepAsTheServerDoes(melody, apply, 'Y');
    expect(arrivedSuggestions(doc(), open, before).sort()).toEqual([harmony.suggestion_id, melody.suggestion_id].sort());
  });

  it('does not count half a suggestion, or a track that was already there when it arrived', () => {
    const { doc, apply } = project();
    // Only the chords of the harmony arrived (say, the bass is still on its way).
    keepAsTheServerDoes({ ...harmony, sketch: { ...harmony.sketch, tracks: [harmony.sketch.tracks[0]!] } }, apply, 'X');
    expect(arrivedSuggestions(doc(), [harmony], new Map())).toEqual([]);
    // An identical take kept earlier does not hide a new card with the same music.
    keepAsTheServerDoes(melody, apply, 'Y');
    const again = { ...melody, suggestion_id: 'again' };
    expect(arrivedSuggestions(doc(), [again], new Map([['again', new Set(doc().tracks.map((t) => t.id))]]))).toEqual([]);
    expect(arrivedSuggestions(doc(), [again], new Map())).toEqual(['again']);
  });

  it('does not mistake an edited copy for the suggestion', () => {
    const { doc, apply } = project();
    keepAsTheServerDoes(melody, apply, 'X');
    const track = doc().tracks[0]!;
    apply('u', [{ type: 'update', path: ['tracks', track.id, 'clips', 'c', 'notes', 'n0', 'pitch'], value: 40 }]);
    expect(arrivedSuggestions(doc(), [melody], new Map())).toEqual([]);
  });
});

describe('the visual agent’s effect families', () => {
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('asks once per instrument, never per note, and uses the answer from then on', async () => {
    const asked: EffectRequest[] = [];
    const families = new EffectFamilies(async (r) => {
      asked.push(r);
      return { type: r.instrument === 'kick' ? 'pulse' : r.instrument === 'closed hat' ? 'particles' : 'wave', scale: 1 };
    });
    for (let i = 0; i < 50; i++) {
      families.familyOf('kick', 100, 55);
      families.familyOf('closed hat', 80, 8000);
    }
    expect(families.familyOf('kick', 100, 55)).toBeNull(); // the bloom until the agent answers
    await settle();
    expect(families.familyOf('kick', 90, 55)).toBe('pulse');
    expect(families.familyOf('closed hat', 90, 8000)).toBe('particles');
    expect(asked.map((r) => r.instrument)).toEqual(['kick', 'closed hat']);
    expect(asked[0]).toEqual({ instrument: 'kick', velocity: 100, frequency: 55 });
  });

  it('keeps the default after a failure or an unknown answer, without asking again; sends only valid requests', async () => {
    let calls = 0;
    const families = new EffectFamilies(async (r) => {
      calls++;
      if (r.instrument === 'lead') throw new Error('503');
      return { type: 'confetti' };
    });
    families.familyOf('lead', 100, 440);
    families.familyOf('bass', 300, 5);
    await settle();
    expect(families.familyOf('lead', 100, 440)).toBeNull();
    expect(families.familyOf('bass', 100, 60)).toBeNull();
    expect(calls).toBe(2);
    const sent: EffectRequest[] = [];
    new EffectFamilies(async (r) => void sent.push(r)).familyOf('bass', 300, 5);
    expect(sent[0]).toEqual({ instrument: 'bass', velocity: 127, frequency: 20 });
  });

  it('names instruments as the visual agent knows them', () => {
    expect(visualInstrument('drums', 'kick')).toBe('kick');
    expect(visualInstrument('drums', 'closedHat')).toBe('closed hat');
    expect(visualInstrument('drums', 'rim')).toBe('side stick');
    expect(visualInstrument('chords', null)).toBe('chords');
    expect(visualInstrument('lead', null)).toBe('lead');
  });
});
