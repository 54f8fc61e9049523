import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ProjectReplica } from '../src/collab/replica/ProjectReplica';
import type { ReplicaSnapshotJson } from '../src/collab/replica/replicaSnapshot';
import type { CollaborativeOperation } from '../src/collab/operations/operation';
import { keyBetween, spreadKeys } from '../src/document/fractionalIndex';

// Made by the C# replica (fixtures/make-replica-fixture.cs): the TypeScript replica must agree with it exactly.
interface Fixture {
  traces: { seed: number; ops: CollaborativeOperation[]; document: unknown; version_vector: Record<string, number>; snapshot: ReplicaSnapshotJson }[];
  verdicts: { op: CollaborativeOperation; code: string | null }[];
  between: [string | null, string | null, string][];
  spread: string[];
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/replica-fixture.json', import.meta.url), 'utf8')) as Fixture;

const documentOf = (replica: ProjectReplica) => {
  const { version_vector: _, ...document } = replica.toDocument();
  return document;
};

describe('the TypeScript replica against the C# one', () => {
  it.each(fixture.traces.map((t) => [t.seed, t] as const))('trace %i merged in log order reaches the C# document', (_, trace) => {
    const replica = new ProjectReplica('p');
    for (const op of trace.ops) expect(replica.apply(op)).toBeNull();
    expect(documentOf(replica)).toEqual(trace.document);
    expect(replica.versionVector).toEqual(trace.version_vector);
    // Register by register, stamps and tombstones included: the same state as the C# replica.
    expect(replica.toSnapshot()).toEqual(trace.snapshot);
  });

  it.each(fixture.traces.map((t) => [t.seed, t] as const))('trace %i read from the C# snapshot merges on exactly', (_, trace) => {
    // Start from the snapshot of the first half (as state:sync gives it) and merge the rest.
    const half = Math.floor(trace.ops.length / 2);
    const early = new ProjectReplica('p');
    trace.ops.slice(0, half).forEach((op) => early.apply(op));
    const resumed = ProjectReplica.fromSnapshot(JSON.parse(JSON.stringify(early.toSnapshot())));
    trace.ops.slice(half).forEach((op) => resumed.apply(op));
    expect(resumed.toSnapshot()).toEqual(trace.snapshot);
    expect(documentOf(ProjectReplica.fromSnapshot(trace.snapshot))).toEqual(trace.document);
  });

  it('every trace converges whatever the order of arrival, with duplicates', () => {
    for (const trace of fixture.traces) {
      fc.assert(
        fc.property(fc.shuffledSubarray(trace.ops, { minLength: trace.ops.length }), fc.array(fc.nat(trace.ops.length - 1), { maxLength: 30 }), (shuffled, dupes) => {
          const replica = new ProjectReplica('p');
          for (const op of shuffled) replica.apply(op);
          for (const i of dupes) replica.apply(trace.ops[i]!);
          expect(documentOf(replica)).toEqual(trace.document);
          expect(replica.versionVector).toEqual(trace.version_vector);
        }),
        { numRuns: 25, seed: trace.seed },
      );
    }
  });

  it.each(fixture.verdicts.map((v) => [v.op.op_id || '(no id)', v] as const))('op %s gets the same verdict as on the server', (_, verdict) => {
    expect(new ProjectReplica('p').apply(verdict.op)?.code ?? null).toBe(verdict.code);
  });

  it('makes the same order keys as FractionalIndex.cs', () => {
    for (const [before, after, key] of fixture.between) expect(keyBetween(before, after)).toBe(key);
    expect(spreadKeys('A', 'B', 50)).toEqual(fixture.spread);
  });
});
