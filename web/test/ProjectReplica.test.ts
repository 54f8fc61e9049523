import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ProjectReplica } from '../src/collab/replica/ProjectReplica';
import type { CollaborativeOperation, OperationType } from '../src/collab/operations/operation';

let counter = 0;
function op(session: string, seq: number, type: OperationType, path: string[], value?: unknown, extra: Partial<CollaborativeOperation> = {}): CollaborativeOperation {
  return {
    op_id: `op-${session}-${seq}-${counter++}`,
    user_id: session,
    session_id: session,
    type,
    path,
    ...(value === undefined ? {} : { value }),
    version_vector: { [session]: seq, ...(extra.version_vector ?? {}) },
    timestamp: extra.timestamp ?? 1000,
    ...(extra.op_id ? { op_id: extra.op_id } : {}),
  };
}

const track = (id: string) => ['tracks', id];
const note = (t: string, c: string, n: string) => ['tracks', t, 'clips', c, 'notes', n];

describe('ProjectReplica', () => {
  it('fills defaults on insert: a drums track gets the drum kit and its kind as its name', () => {
    const r = new ProjectReplica('p');
    expect(r.apply(op('a', 1, 'insert', track('t1'), { kind: 'drums', order: 'V' }))).toBeNull();
    expect(r.toDocument().tracks[0]).toMatchObject({ id: 't1', name: 'Drums', instrument: 'drum-kit', volume: 0, pan: 0, mute: false, solo: false, clips: [] });
    expect(r.toDocument()).toMatchObject({ name: 'Untitled', bpm: 120, time_signature: { numerator: 4, denominator: 4 }, key: { tonic: 'C', mode: 'major' }, swing: 0 });
  });

  it('lets an op that causally follows another win, whatever the clocks say', () => {
    const r = new ProjectReplica('p');
    r.apply(op('a', 1, 'update', ['bpm'], 90, { timestamp: 5000 }));
    // b saw a's op (vector sum 2 > 1) but its clock is behind: it still wins.
    r.apply(op('b', 1, 'update', ['bpm'], 100, { timestamp: 10, version_vector: { a: 1 } }));
    expect(r.toDocument().bpm).toBe(100);
  });

  it('breaks ties between concurrent writes by timestamp, then op id', () => {
    const a = op('a', 1, 'update', ['bpm'], 90, { timestamp: 7, op_id: 'x1' });
    const b = op('b', 1, 'update', ['bpm'], 100, { timestamp: 7, op_id: 'x2' });
    for (const order of [[a, b], [b, a]]) {
      const r = new ProjectReplica('p');
      order.forEach((o) => r.apply(o));
      expect(r.toDocument().bpm).toBe(100);
    }
  });

  it('hides the children of a deleted track and brings them back when the track is inserted again', () => {
    const r = new ProjectReplica('p');
    r.apply(op('a', 1, 'insert', track('t'), { kind: 'bass', order: 'V' }));
    r.apply(op('a', 2, 'insert', ['tracks', 't', 'clips', 'c'], {}, { version_vector: { a: 2 } }));
    r.apply(op('a', 3, 'insert', note('t', 'c', 'n'), { pitch: 40, start_tick: 0, duration_ticks: 240 }));
    r.apply(op('a', 4, 'delete', track('t')));
    expect(r.toDocument().tracks).toEqual([]);
    expect(r.check(op('a', 5, 'update', [...note('t', 'c', 'n'), 'pitch'], 41))?.code).toBe('deleted');
    r.apply(op('a', 5, 'insert', track('t'), { kind: 'bass', order: 'V' }));
    expect(r.toDocument().tracks[0]!.clips[0]!.notes[0]).toMatchObject({ id: 'n', pitch: 40, velocity: 100 });
  });

  it('keeps an update that arrives before its insert, and lets it win over the inserted value', () => {
    const insert = op('a', 1, 'insert', track('t'), { kind: 'lead', order: 'V' });
    const update = op('b', 1, 'update', [...track('t'), 'volume'], -6, { version_vector: { a: 1 } });
    const r = new ProjectReplica('p');
    r.apply(update);
    expect(r.toDocument().tracks).toEqual([]);
    r.apply(insert);
    expect(r.toDocument().tracks[0]!.volume).toBe(-6);
  });

  it('writes the key with flats in flat keys, as the server does', () => {
    const r = new ProjectReplica('p');
    r.apply(op('a', 1, 'update', ['key'], { tonic: 'A#', mode: 'minor' }));
    expect(r.toDocument().key).toEqual({ tonic: 'Bb', mode: 'minor' });
  });

  it('orders tracks by their fractional key, then id', () => {
    const r = new ProjectReplica('p');
    r.apply(op('a', 1, 'insert', track('z'), { kind: 'bass', order: 'a' }));
    r.apply(op('a', 2, 'insert', track('y'), { kind: 'bass', order: 'V' }));
    r.apply(op('a', 3, 'insert', track('x'), { kind: 'bass', order: 'V' }));
    expect(r.toDocument().tracks.map((t) => t.id)).toEqual(['x', 'y', 'z']);
  });

  it('tracks the highest op number of every session as its version vector', () => {
    const r = new ProjectReplica('p');
    r.apply(op('b', 2, 'update', ['swing'], 0.5));
    r.apply(op('a', 1, 'update', ['bpm'], 99));
    r.apply(op('b', 1, 'update', ['swing'], 0.2));
    expect(r.versionVector).toEqual({ a: 1, b: 2 });
    expect(Object.keys(r.versionVector)).toEqual(['a', 'b']);
    expect(r.hasSeen('b', 2)).toBe(true);
    expect(r.hasSeen('a', 2)).toBe(false);
  });

  it('checks like the server before an op is sent: missing parents, live ids', () => {
    const r = new ProjectReplica('p');
    expect(r.check(op('a', 1, 'insert', ['tracks', 'nope', 'clips', 'c'], {}))?.code).toBe('not_found');
    r.apply(op('a', 1, 'insert', track('t'), { kind: 'keys', order: 'V' }));
    expect(r.check(op('a', 2, 'insert', track('t'), { kind: 'keys', order: 'V' }))?.code).toBe('already_exists');
    expect(r.check(op('a', 2, 'update', [...track('t'), 'pan'], 0.5))).toBeNull();
  });

  it('converges for any interleaving of concurrent edits of one property (property)', () => {
    const edit = fc.record({ session: fc.constantFrom('a', 'b', 'c'), value: fc.integer({ min: 20, max: 400 }), timestamp: fc.integer({ min: 0, max: 3 }), saw: fc.nat(3) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), fc.nat(), (edits, seed) => {
        const counts: Record<string, number> = {};
        const ops = edits.map((e, i) => {
          counts[e.session] = (counts[e.session] ?? 0) + 1;
          const seen = Object.fromEntries(Object.entries(counts).filter(([s]) => s !== e.session).map(([s, n]) => [s, Math.min(n, e.saw)]));
          return { ...op(e.session, counts[e.session]!, 'update', ['bpm'], e.value), op_id: `o${i}`, timestamp: e.timestamp, version_vector: { ...seen, [e.session]: counts[e.session]! } };
        });
        const shuffled = [...ops].sort((x, y) => ((x.op_id.charCodeAt(1) * 31 + seed) % 7) - ((y.op_id.charCodeAt(1) * 31 + seed) % 7));
        const a = new ProjectReplica('p');
        const b = new ProjectReplica('p');
        ops.forEach((o) => a.apply(o));
        shuffled.reverse().forEach((o) => b.apply(o));
        expect(b.toDocument()).toEqual(a.toDocument());
      }),
      { numRuns: 500, seed: 42 },
    );
  });

  it('keeps an unchanged track the same object across edits of other tracks (views skip redrawing it)', () => {
    const r = new ProjectReplica('p');
    r.apply(op('a', 1, 'insert', track('x'), { kind: 'bass', order: 'V' }));
    r.apply(op('a', 2, 'insert', track('y'), { kind: 'keys', order: 'W' }));
    const before = r.toDocument();
    r.apply(op('a', 3, 'update', [...track('y'), 'pan'], 0.5));
    r.apply(op('a', 4, 'update', ['bpm'], 99));
    const after = r.toDocument();
    expect(after.tracks[0]).toBe(before.tracks[0]);
    expect(after.tracks[1]).not.toBe(before.tracks[1]);
    expect(after.tracks[1]!.pan).toBe(0.5);
    r.apply(op('a', 5, 'delete', track('x')));
    r.apply(op('a', 6, 'insert', track('x'), { kind: 'bass', order: 'V' }));
    expect(r.toDocument().tracks[0]).not.toBe(before.tracks[0]);
  });

  it('clones deeply: edits of a clone leave the original alone', () => {
    const r = new ProjectReplica('p');
    r.apply(op('a', 1, 'insert', track('t'), { kind: 'pad', order: 'V' }));
    const copy = r.clone();
    copy.apply(op('a', 2, 'update', [...track('t'), 'mute'], true));
    expect(r.toDocument().tracks[0]!.mute).toBe(false);
    expect(copy.toDocument().tracks[0]!.mute).toBe(true);
  });
});
