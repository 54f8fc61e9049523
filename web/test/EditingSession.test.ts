import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EditingSession } from '../src/collab/EditingSession';
import { sumOf } from '../src/collab/operations/versionVector';
import { ProjectReplica } from '../src/collab/replica/ProjectReplica';
import type { CollaborativeOperation } from '../src/collab/operations/operation';

function clock() {
  let id = 0;
  return { now: () => 1_700_000_000_000, newId: () => `id-${++id}` };
}

/** A server in miniature: the replica's Accept checks (target + version vector) and a log. */
class FakeServer {
  readonly replica = new ProjectReplica('p');
  readonly log: CollaborativeOperation[] = [];
  private readonly last = new Map<string, number>();
  execute(ops: CollaborativeOperation[]): { applied: CollaborativeOperation[]; rejected: { op_id: string; code: string }[] } {
    const applied: CollaborativeOperation[] = [];
    const rejected: { op_id: string; code: string }[] = [];
    for (const op of ops) {
      const seq = op.version_vector[op.session_id]!;
      const code = this.replica.check(op)?.code ?? (seq <= (this.last.get(op.session_id) ?? 0) ? 'invalid_version_vector' : null);
      if (code) rejected.push({ op_id: op.op_id, code });
      else {
        this.replica.apply(op);
        this.last.set(op.session_id, seq);
        this.log.push(op);
        applied.push(op);
      }
    }
    return { applied, rejected };
  }
}

describe('EditingSession', () => {
  it('numbers its ops in its session and clocks them one past everything it has seen (compact vectors)', () => {
    const s = new EditingSession('p', 'alice', 'tab-a', clock());
    const { ops } = s.author([
      { type: 'insert', path: ['tracks', 't'], value: { kind: 'drums', order: 'V' } },
      { type: 'update', path: ['tracks', 't', 'volume'], value: -3 },
    ]);
    expect(ops.map((o) => o.version_vector)).toEqual([{ 'tab-a': 1 }, { 'tab-a': 2 }]);
    s.receive([{ op_id: 'x', user_id: 'bob', session_id: 'tab-b', type: 'update', path: ['bpm'], value: 90, version_vector: { 'tab-b': 4 }, timestamp: 1 }]);
    const next = s.author([{ type: 'update', path: ['swing'], value: 0.3 }]).ops[0]!;
    // Bob's op has clock 4: the next op is number 3 of tab-a with clock 5, the rest of it under "~".
    expect(next.version_vector).toEqual({ 'tab-a': 3, '~': 2 });
    expect(s.view.bpm).toBe(90);
  });

  it('every op it makes wins over each op it had merged and each op it made before (a Lamport clock)', () => {
    const received = fc.array(fc.record({ session: fc.constantFrom('tab-b', 'tab-c', 'api'), count: fc.integer({ min: 1, max: 50 }), past: fc.integer({ min: 0, max: 5_000 }) }), { maxLength: 20 });
    fc.assert(
      fc.property(received, fc.array(fc.boolean(), { minLength: 1, maxLength: 20 }), (theirs, steps) => {
        const s = new EditingSession('p', 'alice', 'tab-a', clock());
        let seen = 0;
        let n = 0;
        for (const receiveNext of steps) {
          const next = theirs[n++];
          if (receiveNext && next) {
            const op: CollaborativeOperation = { op_id: `r${n}`, user_id: 'x', session_id: next.session, type: 'update', path: ['bpm'], value: 90,
              version_vector: { [next.session]: next.count, '~': next.past }, timestamp: 1 };
            s.receive([op]);
            seen = Math.max(seen, sumOf(op.version_vector));
          } else {
            const mine = s.author([{ type: 'update', path: ['swing'], value: 0.1 }]).ops[0]!;
            expect(sumOf(mine.version_vector)).toBeGreaterThan(seen);
            expect(Object.keys(mine.version_vector).length).toBeLessThanOrEqual(2);
            seen = sumOf(mine.version_vector);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('applies edits at once and keeps them pending until acknowledged', () => {
    const server = new FakeServer();
    const s = new EditingSession('p', 'alice', 'tab-a', clock());
    const { ops } = s.author([{ type: 'insert', path: ['tracks', 't'], value: { kind: 'bass', order: 'V' } }]);
    expect(s.view.tracks).toHaveLength(1);
    expect(s.pendingOps).toHaveLength(1);
    s.receive(server.execute(ops).applied);
    expect(s.pendingOps).toHaveLength(0);
    expect(s.confirmedVector).toEqual({ 'tab-a': 1 });
  });

  it('rolls back exactly the refused op, keeping later pending edits and remote ops', () => {
    const server = new FakeServer();
    const alice = new EditingSession('p', 'alice', 'tab-a', clock());
    const bob = new EditingSession('p', 'bob', 'tab-b', { now: () => 1, newId: (() => { let i = 0; return () => `b-${++i}`; })() });
    const setup = alice.author([
      { type: 'insert', path: ['tracks', 't'], value: { kind: 'drums', order: 'V' } },
      { type: 'insert', path: ['tracks', 't', 'clips', 'c'], value: {} },
    ]).ops;
    const acked = server.execute(setup).applied;
    alice.receive(acked);
    bob.receive(acked);
    // Bob deletes the clip; Alice, not knowing, writes a note into it and changes the tempo.
    const del = bob.author([{ type: 'delete', path: ['tracks', 't', 'clips', 'c'] }]).ops;
    const noteOp = alice.author([{ type: 'insert', path: ['tracks', 't', 'clips', 'c', 'notes', 'n'], value: { pitch: 36, start_tick: 0, duration_ticks: 120 } }]).ops;
    const bpmOp = alice.author([{ type: 'update', path: ['bpm'], value: 96 }]).ops;
    const delResult = server.execute(del);
    alice.receive(delResult.applied);
    const noteResult = server.execute(noteOp);
    expect(noteResult.rejected[0]!.code).toBe('deleted');
    expect(alice.reject(noteResult.rejected[0]!.op_id)?.path).toEqual(noteOp[0]!.path);
    alice.receive(server.execute(bpmOp).applied);
    expect(alice.view.tracks[0]!.clips).toEqual([]);
    expect(alice.view.bpm).toBe(96);
    expect(alice.pendingOps).toEqual([]);
    const { version_vector: _a, ...aliceDoc } = alice.view;
    const { version_vector: _s, ...serverDoc } = server.replica.toDocument();
    expect(aliceDoc).toEqual(serverDoc);
  });

  it('refuses locally, and sends nothing, when an edit is bound to be refused', () => {
    const s = new EditingSession('p', 'alice', 'tab-a', clock());
    const result = s.author([
      { type: 'insert', path: ['tracks', 't'], value: { kind: 'drums', order: 'V' } },
      { type: 'update', path: ['tracks', 't', 'pan'], value: 3 },
    ]);
    expect(result.ops).toEqual([]);
    expect(result.rejection?.code).toBe('out_of_range');
    expect(s.view.tracks).toEqual([]);
    expect(s.author([{ type: 'update', path: ['bpm'], value: 100 }]).ops[0]!.version_vector).toEqual({ 'tab-a': 1 });
  });

  it('survives a dropped connection: catch-up from its confirmed vector, pending ops resent unchanged', () => {
    const server = new FakeServer();
    const alice = new EditingSession('p', 'alice', 'tab-a', clock());
    const first = alice.author([{ type: 'insert', path: ['tracks', 't'], value: { kind: 'keys', order: 'V' } }]).ops;
    alice.receive(server.execute(first).applied);
    // Offline: two more edits; the first reached the server but its acknowledgement was lost.
    const lost = alice.author([{ type: 'update', path: ['tracks', 't', 'volume'], value: -9 }]).ops;
    alice.author([{ type: 'update', path: ['tracks', 't', 'pan'], value: -0.5 }]);
    server.execute(lost);
    server.execute([{ op_id: 'bob-1', user_id: 'bob', session_id: 'tab-b', type: 'update', path: ['bpm'], value: 70, version_vector: { 'tab-b': 1 }, timestamp: 1 }]);
    // Re-join: the server sends exactly what the confirmed vector lacks.
    const since = alice.confirmedVector;
    const missing = server.log.filter((o) => o.version_vector[o.session_id]! > (since[o.session_id] ?? 0));
    alice.receive(missing);
    expect(alice.pendingOps.map((o) => o.path.at(-1))).toEqual(['pan']);
    alice.receive(server.execute(alice.pendingOps).applied);
    expect(alice.view.tracks[0]).toMatchObject({ volume: -9, pan: -0.5 });
    expect(alice.view.bpm).toBe(70);
    expect(alice.pendingOps).toEqual([]);
  });

  it('never reuses a number of its session that it sees in the log (a reload, an undo made for it)', () => {
    const s = new EditingSession('p', 'alice', 'tab-a', clock());
    s.resetConfirmed([{ op_id: 'old', user_id: 'alice', session_id: 'tab-a', type: 'update', path: ['bpm'], value: 80, version_vector: { 'tab-a': 7 }, timestamp: 1 }]);
    expect(s.author([{ type: 'update', path: ['bpm'], value: 81 }]).ops[0]!.version_vector).toEqual({ 'tab-a': 8 });
  });
});
