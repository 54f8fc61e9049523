import type { CollaborativeOperation } from './operation';
import { compareOrdinal, sumOf } from './versionVector';

/**
 * The total order in which concurrent writes to one property are resolved (OpStamp.cs): the sum of
 * the version vector first (a Lamport clock, so an op that causally follows another always wins),
 * then the author's timestamp, then the op id ordinally, so that equal clocks still decide the same
 * way on every replica. The seed's "causal first, timestamp otherwise" is not a total order; this is.
 */
export interface OpStamp {
  readonly clock: number;
  readonly timestamp: number;
  readonly opId: string;
}

export const stampOf = (op: CollaborativeOperation): OpStamp => ({
  clock: sumOf(op.version_vector),
  timestamp: op.timestamp ?? 0, // absent on the wire means 0, as the server reads it
  opId: op.op_id,
});

export function compareStamps(a: OpStamp, b: OpStamp): number {
  if (a.clock !== b.clock) return a.clock < b.clock ? -1 : 1;
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp ? -1 : 1;
  return compareOrdinal(a.opId, b.opId);
}
