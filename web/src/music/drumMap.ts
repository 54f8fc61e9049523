/**
 * The drum kit's voices and the General MIDI percussion notes they answer to (channel 10). The step
 * sequencer shows one lane per voice; notes from imported files with other GM notes still play,
 * through the voice closest in role (a crash through the open hat, a ride through the closed hat).
 */
export type DrumVoice = 'kick' | 'snare' | 'clap' | 'rim' | 'closedHat' | 'openHat' | 'lowTom' | 'midTom' | 'highTom' | 'perc';

export interface DrumLane {
  readonly voice: DrumVoice;
  readonly name: string;
  /** The note a new step writes. */
  readonly pitch: number;
  /** The main frequency of the voice, for the visualizer's colour. */
  readonly frequency: number;
}

/** Lanes top to bottom, as drum machines list them: the low end first. */
export const DRUM_LANES: readonly DrumLane[] = [
  { voice: 'kick', name: 'Kick', pitch: 36, frequency: 55 },
  { voice: 'snare', name: 'Snare', pitch: 38, frequency: 190 },
  { voice: 'clap', name: 'Clap', pitch: 39, frequency: 1200 },
  { voice: 'rim', name: 'Rim', pitch: 37, frequency: 1700 },
  { voice: 'closedHat', name: 'Closed hat', pitch: 42, frequency: 8000 },
  { voice: 'openHat', name: 'Open hat', pitch: 46, frequency: 6500 },
  { voice: 'lowTom', name: 'Low tom', pitch: 41, frequency: 95 },
  { voice: 'midTom', name: 'Mid tom', pitch: 45, frequency: 140 },
  { voice: 'highTom', name: 'High tom', pitch: 48, frequency: 200 },
  { voice: 'perc', name: 'Perc', pitch: 56, frequency: 800 },
];

const VOICE_BY_NOTE = new Map<number, DrumVoice>([
  [35, 'kick'], [36, 'kick'],
  [37, 'rim'],
  [38, 'snare'], [40, 'snare'],
  [39, 'clap'],
  [42, 'closedHat'], [44, 'closedHat'], [51, 'closedHat'], [53, 'closedHat'], [59, 'closedHat'],
  [46, 'openHat'], [49, 'openHat'], [52, 'openHat'], [55, 'openHat'], [57, 'openHat'],
  [41, 'lowTom'], [43, 'lowTom'],
  [45, 'midTom'], [47, 'midTom'],
  [48, 'highTom'], [50, 'highTom'],
]);

/** The voice that plays a GM percussion note; anything unmapped is a percussion hit. */
export const drumVoiceOf = (pitch: number): DrumVoice => VOICE_BY_NOTE.get(pitch) ?? 'perc';

export const laneOf = (voice: DrumVoice): DrumLane => DRUM_LANES.find((l) => l.voice === voice)!;
