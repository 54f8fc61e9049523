import { describe, expect, it } from 'vitest';
import { ProjectReplica } from '../src/collab/replica/ProjectReplica';
import type { CollaborativeOperation } from '../src/collab/operations/operation';
import type { Edit } from '../src/collab/operations/edit';
import { addTrack, moveTrack, setPatternBars, suggestedKind } from '../src/edits/trackEdits';
import { deleteNotes, drawNote, moveNotes, pastePhrase, resizeNotes } from '../src/edits/noteEdits';
import { phraseOf, placedNotes, snapDown, snapNearest } from '../src/music/placedNotes';

/** A replica that applies edits as one session would, for checking what edits do to a document. */
function project() {
  const r = new ProjectReplica('p');
  let n = 0;
  let ids = 0;
  const apply = (edits: Edit[]) => {
    for (const e of edits) {
      n++;
      const op: CollaborativeOperation = { op_id: `o${n}`, user_id: 'u', session_id: 's', type: e.type, path: e.path, ...('value' in e ? { value: e.value } : {}), version_vector: { s: n }, timestamp: n };
      const refused = r.check(op) ?? r.apply(op);
      expect(refused).toBeNull();
    }
  };
  return { r, apply, doc: () => r.toDocument(), newId: () => `id${++ids}` };
}

describe('track edits', () => {
  it('suggests drums for a new project, then what the song lacks', () => {
    const p = project();
    expect(suggestedKind(p.doc())).toBe('drums');
    p.apply(addTrack(p.doc(), 'drums', p.newId));
    expect(suggestedKind(p.doc())).toBe('bass');
    p.apply(addTrack(p.doc(), 'bass', p.newId));
    expect(suggestedKind(p.doc())).toBe('keys');
    expect(p.doc().tracks.map((t) => [t.kind, t.clips.length])).toEqual([['drums', 1], ['bass', 1]]);
  });

  it('moves a track with one order update, and re-keys the list when keys are equal', () => {
    const p = project();
    for (const kind of ['drums', 'bass', 'keys'] as const) p.apply(addTrack(p.doc(), kind, p.newId));
    const moved = moveTrack(p.doc().tracks, 2, -1);
    expect(moved).toHaveLength(1);
    p.apply(moved);
    expect(p.doc().tracks.map((t) => t.kind)).toEqual(['drums', 'keys', 'bass']);
    // Two tracks added at once by two people get the same key: nothing fits between them.
    const [a, b] = p.doc().tracks;
    p.apply([{ type: 'update', path: ['tracks', b!.id, 'order'], value: a!.order }]);
    const tracks = p.doc().tracks;
    const rekey = moveTrack(tracks, 2, -1);
    p.apply(rekey);
    expect(p.doc().tracks.map((t) => t.id)).toEqual([tracks[0]!.id, tracks[2]!.id, tracks[1]!.id]);
  });

  it('doubles a drum pattern into new bars, like a drum machine', () => {
    const p = project();
    p.apply(addTrack(p.doc(), 'drums', p.newId));
    const t = p.doc().tracks[0]!;
    const clip = t.clips[0]!.id;
    p.apply([
      { type: 'insert', path: ['tracks', t.id, 'clips', clip, 'notes', 'k'], value: { pitch: 36, start_tick: 0, duration_ticks: 120 } },
      { type: 'insert', path: ['tracks', t.id, 'clips', clip, 'notes', 's'], value: { pitch: 38, start_tick: 480, duration_ticks: 120 } },
    ]);
    p.apply(setPatternBars(p.doc().tracks[0]!, 1920, 4, p.newId));
    const notes = p.doc().tracks[0]!.clips[0]!.notes.map((n) => [n.pitch, n.start_tick]);
    expect(notes).toEqual([[36, 0], [38, 480], [36, 1920], [38, 2400], [36, 3840], [38, 4320], [36, 5760], [38, 6240]]);
    expect(p.doc().tracks[0]!.clips[0]!.length_bars).toBe(4);
    p.apply(setPatternBars(p.doc().tracks[0]!, 1920, 2, p.newId));
    expect(p.doc().tracks[0]!.clips[0]!.notes).toHaveLength(8);
  });
});

describe('note edits', () => {
  it('snaps down for drawing and to the nearest line for dragging', () => {
    expect(snapDown(359, 120)).toBe(240);
    expect(snapNearest(359, 120)).toBe(360);
    expect(snapDown(359.6, 0)).toBe(360);
  });

  it('draws into the clip under the note, growing it so that the note plays; makes a clip when there is none', () => {
    const p = project();
    p.apply([{ type: 'insert', path: ['tracks', 'b'], value: { kind: 'bass', order: 'V' } }]);
    p.apply(drawNote(p.doc().tracks[0]!, 1920, 480, 40, 240, 100, p.newId));
    expect(p.doc().tracks[0]!.clips).toHaveLength(1);
    p.apply(drawNote(p.doc().tracks[0]!, 1920, 1920 * 2 + 10, 43, 240, 90, p.newId));
    const clip = p.doc().tracks[0]!.clips[0]!;
    expect(clip.length_bars).toBe(3);
    expect(clip.notes.map((n) => [n.pitch, n.start_tick])).toEqual([[40, 480], [43, 3850]]);
  });

  it('moves and resizes notes within their clip, and deletes them', () => {
    const p = project();
    p.apply([
      { type: 'insert', path: ['tracks', 'b'], value: { kind: 'bass', order: 'V' } },
      { type: 'insert', path: ['tracks', 'b', 'clips', 'c'], value: { start_bar: 1, length_bars: 1 } },
      { type: 'insert', path: ['tracks', 'b', 'clips', 'c', 'notes', 'n'], value: { pitch: 40, start_tick: 0, duration_ticks: 240 } },
    ]);
    const track = () => p.doc().tracks[0]!;
    const placed = placedNotes(track(), 1920);
    expect(placed[0]!.tick).toBe(1920);
    p.apply(moveNotes(track(), 1920, placed, -5000, 2));
    expect(track().clips[0]!.notes[0]).toMatchObject({ start_tick: 0, pitch: 42 }); // held at the clip's start
    p.apply(moveNotes(track(), 1920, placedNotes(track(), 1920), 1920, 0));
    expect(track().clips[0]).toMatchObject({ length_bars: 2 });
    p.apply(resizeNotes(track(), placedNotes(track(), 1920), -1000, 60));
    expect(track().clips[0]!.notes[0]!.duration_ticks).toBe(60);
    p.apply(deleteNotes(track(), placedNotes(track(), 1920)));
    expect(track().clips[0]!.notes).toEqual([]);
  });

  it('copies a phrase and pastes or duplicates it, growing the clip once, or making one when there is none', () => {
    const p = project();
    p.apply([
      { type: 'insert', path: ['tracks', 'b'], value: { kind: 'bass', order: 'V' } },
      { type: 'insert', path: ['tracks', 'b', 'clips', 'c'], value: {} },
      { type: 'insert', path: ['tracks', 'b', 'clips', 'c', 'notes', 'a'], value: { pitch: 40, start_tick: 240, duration_ticks: 240, velocity: 90 } },
      { type: 'insert', path: ['tracks', 'b', 'clips', 'c', 'notes', 'z'], value: { pitch: 43, start_tick: 960, duration_ticks: 240 } },
    ]);
    const track = () => p.doc().tracks[0]!;
    const phrase = phraseOf(placedNotes(track(), 1920), 480)!;
    expect(phrase.length).toBe(960);
    const { edits, ids } = pastePhrase(track(), 1920, phrase, 240 + phrase.length * 2, p.newId);
    expect(edits.filter((e) => e.type === 'update')).toHaveLength(1); // grown once, to 2 bars
    p.apply(edits);
    expect(ids).toHaveLength(2);
    expect(track().clips[0]!.length_bars).toBe(2);
    expect(track().clips[0]!.notes.map((n) => [n.pitch, n.start_tick, n.velocity])).toEqual([[40, 240, 90], [43, 960, 100], [40, 2160, 90], [43, 2880, 100]]);
    p.apply([{ type: 'insert', path: ['tracks', 'e'], value: { kind: 'keys', order: 'W' } }]);
    const empty = p.doc().tracks[1]!;
    p.apply(pastePhrase(empty, 1920, phrase, 0, p.newId).edits);
    expect(p.doc().tracks[1]!.clips).toHaveLength(1);
    expect(p.doc().tracks[1]!.clips[0]!.notes).toHaveLength(2);
  });
});
