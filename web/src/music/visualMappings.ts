/**
 * The seed's audio → visual mappings (section 4, VisualAgent): how loud a note is decides how big it
 * is drawn, its pitch decides its colour.
 */
export const MIN_FREQUENCY = 20;
export const MAX_FREQUENCY = 20000;

/** MIDI velocity 0–127 → scale 0.5–2.0, linearly. */
export function velocityToScale(velocity: number): number {
  const v = Math.min(127, Math.max(0, velocity));
  return 0.5 + (v / 127) * 1.5;
}

/**
 * Frequency 20 Hz–20 kHz → hue 0–360, logarithmically (20 Hz red, 20 kHz purple), so that every
 * octave gets the same share of the colour wheel. The seed does not clamp; frequencies outside the
 * audible band would give hues outside the wheel, so they are held at its ends.
 */
export function frequencyToHue(frequency: number): number {
  const f = Math.min(MAX_FREQUENCY, Math.max(MIN_FREQUENCY, frequency));
  return ((Math.log(f) - Math.log(MIN_FREQUENCY)) / (Math.log(MAX_FREQUENCY) - Math.log(MIN_FREQUENCY))) * 360;
}

export const frequencyToColor = (frequency: number, lightness = 60): string => `hsl(${frequencyToHue(frequency).toFixed(1)}, 70%, ${lightness}%)`;

/** Equal temperament, A4 = 440 Hz. */
export const midiToFrequency = (pitch: number): number => 440 * 2 ** ((pitch - 69) / 12);
