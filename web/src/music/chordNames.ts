import { pitchClassName } from './musicalKey';

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
