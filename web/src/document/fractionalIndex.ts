/**
 * Order keys for lists edited concurrently (tracks), the same algorithm as
 * src/Zordic.Music/Document/FractionalIndex.cs: a key is a base-62 fraction written as a string
 * ("V" = 31/62). Strings compare ordinally exactly as the fractions do, so a track can always be
 * placed between two others without renumbering anyone else's tracks. Keys never end in '0', which
 * keeps each fraction's spelling unique and leaves room below every key.
 */
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const MAX_ORDER_LENGTH = 128;

function digitOf(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 65 + 10;
  if (code >= 97 && code <= 122) return code - 97 + 36;
  return -1;
}

/** True when `key` is a non-empty base-62 fraction without a trailing '0'. */
export function isValidOrderKey(key: string | null | undefined): key is string {
  if (!key || key.length > MAX_ORDER_LENGTH || key.endsWith('0')) return false;
  for (const c of key) if (digitOf(c) < 0) return false;
  return true;
}

/** A key strictly between `before` and `after`; null means the start or the end of the list. */
export function keyBetween(before: string | null, after: string | null): string {
  const a = before ?? '';
  if (a.length > 0 && !isValidOrderKey(a)) throw new Error(`'${a}' is not an order key`);
  if (after !== null && !isValidOrderKey(after)) throw new Error(`'${after}' is not an order key`);
  if (after !== null && !(a < after)) throw new Error(`order key '${a}' must sort before '${after}'`);
  return midpoint(a, after);
}

/** `count` ascending keys between two neighbours, spread so that they stay short. */
export function spreadKeys(before: string | null, after: string | null, count: number): string[] {
  const keys: string[] = [];
  const fill = (lo: string | null, hi: string | null, n: number): void => {
    if (n === 0) return;
    const mid = keyBetween(lo, hi);
    const left = Math.floor((n - 1) / 2);
    fill(lo, mid, left);
    keys.push(mid);
    fill(mid, hi, n - 1 - left);
  };
  fill(before, after, count);
  return keys;
}

function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    // Keep the common prefix (a padded with zeros) and find the midpoint of what follows.
    let n = 0;
    while (n < b.length && (n < a.length ? a[n] : '0') === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(n < a.length ? a.slice(n) : '', b.slice(n));
  }
  const digitA = a.length > 0 ? digitOf(a[0]!) : 0;
  const digitB = b !== null ? digitOf(b[0]!) : DIGITS.length;
  if (digitB - digitA > 1) return DIGITS[Math.floor((digitA + digitB + 1) / 2)]!;
  // Neighbouring first digits: b's first digit alone lies between when b goes on; otherwise descend into a.
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return DIGITS[digitA]! + midpoint(a.length > 1 ? a.slice(1) : '', null);
}
