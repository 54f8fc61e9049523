import type { DrumVoice } from '../music/drumMap';
import type { InstrumentPreset } from '../document/trackKinds';
import { DrumKit } from './DrumKit';
import { MelodicInstrument } from './MelodicInstrument';

/** What plays a track: the drum kit, or a melodic preset's synth. */
export type Instrument = DrumKit | MelodicInstrument;

/** A new instrument of a preset, on Tone's current context. */
export const build = (preset: string): Instrument => (preset === 'drum-kit' ? new DrumKit() : new MelodicInstrument(preset as Exclude<InstrumentPreset, 'drum-kit'>));

/** Plays a song note on an instrument: the drum voice it struck, or null for a melodic note. */
export function strike(instrument: Instrument, pitch: number, time: number, duration: number, velocity: number): DrumVoice | null {
  if (instrument instanceof DrumKit) return instrument.trigger(pitch, time, velocity);
  instrument.trigger(pitch, time, duration, velocity);
  return null;
}
