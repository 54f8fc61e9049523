/**
 * Musical time: every position in a project is counted in ticks, 480 per quarter note
 * (src/Zordic.Music/Time/Ticks.cs), and turned into seconds only at the tempo in force.
 */
export const TICKS_PER_QUARTER = 480;
export const TICKS_PER_SIXTEENTH = TICKS_PER_QUARTER / 4;

export interface Meter {
  readonly numerator: number;
  readonly denominator: number;
}

/** Length of one bar in ticks. */
export const ticksPerBar = (meter: Meter): number => (TICKS_PER_QUARTER * 4 * meter.numerator) / meter.denominator;

/** Length of one beat (the metre's denominator note) in ticks. */
export const ticksPerBeat = (meter: Meter): number => (TICKS_PER_QUARTER * 4) / meter.denominator;

export const ticksToSeconds = (ticks: number, bpm: number): number => (ticks * 60) / (bpm * TICKS_PER_QUARTER);

export const secondsToTicks = (seconds: number, bpm: number): number => (seconds * bpm * TICKS_PER_QUARTER) / 60;

/**
 * Where a note really sounds under swing: the second sixteenth of every eighth-note pair is pushed
 * late, from straight (swing 0, 50 %) to the hard shuffle of an MPC at 75 % (swing 1). Positions
 * between grid points move proportionally, so a swung pattern keeps its order and never crosses the
 * next beat; pairs that do not fit whole in the bar (7/16) stay straight.
 */
export function swingTick(tickInBar: number, swing: number, barTicks: number): number {
  if (swing <= 0) return tickInBar;
  const pair = TICKS_PER_SIXTEENTH * 2;
  const pairStart = Math.floor(tickInBar / pair) * pair;
  if (pairStart + pair > barTicks) return tickInBar;
  const offset = tickInBar - pairStart;
  const shift = Math.min(1, swing) * (TICKS_PER_SIXTEENTH / 2);
  const half = TICKS_PER_SIXTEENTH;
  const swung = offset <= half ? (offset * (half + shift)) / half : half + shift + ((offset - half) * (half - shift)) / half;
  return pairStart + swung;
}

/** "3.2.1" (bar.beat.sixteenth, counted from 1) for a position in ticks, as DAWs show it. */
export function barsBeatsSixteenths(ticks: number, meter: Meter): string {
  const bar = Math.floor(ticks / ticksPerBar(meter));
  const inBar = ticks - bar * ticksPerBar(meter);
  const beat = Math.floor(inBar / ticksPerBeat(meter));
  const sixteenth = Math.floor((inBar - beat * ticksPerBeat(meter)) / TICKS_PER_SIXTEENTH);
  return `${bar + 1}.${beat + 1}.${sixteenth + 1}`;
}

/** "0:07.250": minutes, seconds and milliseconds. */
export function clockTime(seconds: number): string {
  const s = Math.max(0, seconds);
  const minutes = Math.floor(s / 60);
  const rest = s - minutes * 60;
  return `${minutes}:${rest.toFixed(3).padStart(6, '0')}`;
}
