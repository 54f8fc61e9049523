import { compareStamps, type OpStamp } from '../operations/opStamp';

/**
 * A last-writer-wins register: keeps the value written by the greatest stamp. Writing is
 * commutative, associative and idempotent, which is all a CRDT register needs.
 */
export interface Register<T> {
  value: T;
  stamp: OpStamp | null;
}

export function write<T>(register: Register<T>, value: T, stamp: OpStamp): boolean {
  if (register.stamp !== null && compareStamps(stamp, register.stamp) <= 0) return false;
  register.value = value;
  register.stamp = stamp;
  return true;
}
