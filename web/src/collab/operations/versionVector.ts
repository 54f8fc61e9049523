import type { VersionVector } from './operation';

/**
 * Version vectors count ops per editing session (one browser tab, one CLI run), not per user, as
 * src/Zordic.Collab/Operations/VersionVector.cs does. Zero entries are dropped; keys are kept sorted
 * ordinally so that equal vectors serialize to equal JSON.
 */
export function sumOf(vector: VersionVector): number {
  let sum = 0;
  for (const key in vector) sum += vector[key] ?? 0;
  return sum;
}

/** The key of a compact vector's second entry: the rest of the op's Lamport clock (VersionVector.PastKey in C#). */
export const PAST_KEY = '~';

/**
 * An op's compact vector (VersionVector.Lamport in C#): its number `sequence` in `session`, and the rest of
 * its Lamport `clock` under "~", so that the vector's sum is the clock however many sessions a project has had.
 */
export function lamport(session: string, sequence: number, clock: number): VersionVector {
  return clock > sequence ? canonical({ [session]: sequence, [PAST_KEY]: clock - sequence }) : { [session]: sequence };
}

/** The vector with `session` set to `count` (a new object; vectors are never mutated). */
export function withEntry(vector: VersionVector, session: string, count: number): VersionVector {
  return canonical({ ...vector, [session]: count });
}

/** The entry-wise maximum: what a replica knows after seeing both. */
export function merge(a: VersionVector, b: VersionVector): VersionVector {
  const out: Record<string, number> = { ...a };
  for (const key in b) out[key] = Math.max(out[key] ?? 0, b[key] ?? 0);
  return canonical(out);
}

/** True when everything `a` has seen, `b` has seen too. */
export function isCoveredBy(a: VersionVector, b: VersionVector): boolean {
  for (const key in a) if ((b[key] ?? 0) < (a[key] ?? 0)) return false;
  return true;
}

/** Sorted by session id (ordinal, like C#'s string.CompareOrdinal), without zero entries. */
export function canonical(vector: Record<string, number>): VersionVector {
  const out: Record<string, number> = {};
  for (const key of Object.keys(vector).sort(compareOrdinal)) {
    const count = vector[key] ?? 0;
    if (count > 0) out[key] = count;
  }
  return out;
}

/** C#'s string.CompareOrdinal: by UTF-16 code units, which is what JS's < does on strings. */
export function compareOrdinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
