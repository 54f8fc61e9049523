/**
 * Keys, modes and pitch names as src/Zordic.Music/Theory names them: the document stores a key as a
 * pitch class and a mode, and writes the tonic with flats in flat keys (Bb minor, not A# minor).
 */
export const MODES = ['major', 'minor', 'dorian', 'phrygian', 'lydian', 'mixolydian', 'locrian'] as const;
export type ModeName = (typeof MODES)[number];

/** Semitones above the tonic of each mode's seven degrees. */
const DEGREES: readonly (readonly number[])[] = [
  [0, 2, 4, 5, 7, 9, 11],
  [0, 2, 3, 5, 7, 8, 10],
  [0, 2, 3, 5, 7, 9, 10],
  [0, 1, 3, 5, 7, 8, 10],
  [0, 2, 4, 6, 7, 9, 11],
  [0, 2, 4, 5, 7, 9, 10],
  [0, 1, 3, 5, 6, 8, 10],
];
const SHARPS = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
const FLATS = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'Gb', 'G', 'Ab', 'A', 'Bb', 'B'];
/** Where each mode's tonic sits in its relative major scale. */
const MAJOR_DEGREE = [0, 9, 2, 4, 5, 7, 11];

export interface MusicalKey {
  readonly tonic: number; // pitch class, C = 0
  readonly mode: number; // index into MODES
}

export const C_MAJOR: MusicalKey = { tonic: 0, mode: 0 };

/** Parses "C", "c#", "Db", "E♭", "F♯", "B#", "Cb" (PitchClassNames.TryParse); null for anything else. */
export function parsePitchClass(text: string): number | null {
  const t = text.trim();
  if (t.length === 0 || t.length > 3) return null;
  const base = ({ C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 } as Record<string, number>)[t[0]!.toUpperCase()];
  if (base === undefined) return null;
  let semitone = base;
  for (const accidental of t.slice(1)) {
    if (accidental === '#' || accidental === '♯') semitone++;
    else if (accidental === 'b' || accidental === '♭') semitone--;
    else return null;
  }
  return ((semitone % 12) + 12) % 12;
}

/** Parses a mode name, case-insensitively; "ionian" and "aeolian" are major and minor. */
export function parseMode(text: string): number | null {
  const t = text.trim().toLowerCase();
  const i = (MODES as readonly string[]).indexOf(t);
  if (i >= 0) return i;
  if (t === 'ionian') return 0;
  if (t === 'aeolian') return 1;
  return null;
}

/** Flats read better in F, Bb, Eb, Ab, Db major and their relative modes. */
export function prefersFlats(key: MusicalKey): boolean {
  const relativeMajor = (key.tonic - (MAJOR_DEGREE[key.mode] ?? 0) + 12) % 12;
  return relativeMajor === 5 || relativeMajor === 10 || relativeMajor === 3 || relativeMajor === 8 || relativeMajor === 1;
}

export const pitchClassName = (pc: number, flats = false): string => (flats ? FLATS : SHARPS)[((pc % 12) + 12) % 12]!;

/** The key as the document writes it: {"tonic": "Bb", "mode": "minor"}. */
export const keyJson = (key: MusicalKey): { tonic: string; mode: ModeName } => ({
  tonic: pitchClassName(key.tonic, prefersFlats(key)),
  mode: MODES[key.mode]!,
});

export function parseKeyJson(json: { tonic: string; mode: string }): MusicalKey | null {
  const tonic = parsePitchClass(json.tonic);
  const mode = parseMode(json.mode);
  return tonic === null || mode === null ? null : { tonic, mode };
}

/** True when the MIDI note's pitch class is one of the key's seven degrees. */
export function keyContains(key: MusicalKey, midiPitch: number): boolean {
  const offset = (((midiPitch - key.tonic) % 12) + 12) % 12;
  return DEGREES[key.mode]!.includes(offset);
}

/** "C4" for 60: scientific pitch notation, as DAWs label piano-roll rows. */
export function noteName(midiPitch: number, flats = false): string {
  return `${pitchClassName(midiPitch % 12, flats)}${Math.floor(midiPitch / 12) - 1}`;
}
