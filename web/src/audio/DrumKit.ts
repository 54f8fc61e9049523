import * as Tone from 'tone';
import { drumVoiceOf, type DrumVoice } from '../music/drumMap';

/**
 * The synthesized drum kit: every voice is built from oscillators, noise and envelopes, the way the
 * 808/909 generation made theirs, so the studio needs no samples. One instance per drums track; each
 * voice is monophonic (a drum hit retriggers itself, as on a drum machine) and the open hat is
 * choked by the closed one.
 */
export class DrumKit {
  readonly output = new Tone.Gain(1);
  private readonly kick: Tone.MembraneSynth;
  private readonly kickClick: Tone.NoiseSynth;
  private readonly snareBody: Tone.MembraneSynth;
  private readonly snareNoise: Tone.NoiseSynth;
  private readonly clap: Tone.NoiseSynth;
  private readonly closedHat: Tone.MetalSynth;
  private readonly openHat: Tone.MetalSynth;
  private readonly toms: Tone.MembraneSynth;
  private readonly rim: Tone.MembraneSynth;
  private readonly bellLow: Tone.Synth;
  private readonly bellHigh: Tone.Synth;
  private readonly nodes: Tone.ToneAudioNode[] = [];
  /** When each voice was last struck: a voice hit twice at one instant (two clips with the same step) sounds once. */
  private readonly lastHit = new Map<DrumVoice, number>();

  constructor() {
    const keep = <T extends Tone.ToneAudioNode>(node: T): T => {
      this.nodes.push(node);
      return node;
    };
    // Kick: a sine that falls fast from seven octaves up, and a tick of noise for the beater.
    this.kick = keep(new Tone.MembraneSynth({ pitchDecay: 0.045, octaves: 7, oscillator: { type: 'sine' }, envelope: { attack: 0.001, decay: 0.45, sustain: 0, release: 0.1 }, volume: -2 })).connect(this.output);
    const clickFilter = keep(new Tone.Filter(3500, 'highpass')).connect(this.output);
    this.kickClick = keep(new Tone.NoiseSynth({ noise: { type: 'white' }, envelope: { attack: 0.0005, decay: 0.008, sustain: 0 }, volume: -20 })).connect(clickFilter);
    // Snare: a short tuned body under bright noise.
    this.snareBody = keep(new Tone.MembraneSynth({ pitchDecay: 0.02, octaves: 2, envelope: { attack: 0.001, decay: 0.12, sustain: 0, release: 0.05 }, volume: -8 })).connect(this.output);
    const snareFilter = keep(new Tone.Filter(1800, 'highpass')).connect(this.output);
    this.snareNoise = keep(new Tone.NoiseSynth({ noise: { type: 'white' }, envelope: { attack: 0.001, decay: 0.2, sustain: 0 }, volume: -6 })).connect(snareFilter);
    // Clap: pink noise through a band-pass, struck a few times in quick succession like hands.
    const clapFilter = keep(new Tone.Filter({ type: 'bandpass', frequency: 1150, Q: 0.8 })).connect(this.output);
    this.clap = keep(new Tone.NoiseSynth({ noise: { type: 'pink' }, envelope: { attack: 0.001, decay: 0.02, sustain: 0 }, volume: 14 })).connect(clapFilter);
    // Hats: inharmonic FM "metal", short or long.
    const hatFilter = keep(new Tone.Filter(7000, 'highpass')).connect(this.output);
    this.closedHat = keep(new Tone.MetalSynth({ envelope: { attack: 0.001, decay: 0.055, release: 0.01 }, harmonicity: 5.1, modulationIndex: 32, resonance: 8000, octaves: 1.5, volume: -14 })).connect(hatFilter);
    this.closedHat.frequency.value = 320;
    this.openHat = keep(new Tone.MetalSynth({ envelope: { attack: 0.001, decay: 0.4, release: 0.08 }, harmonicity: 5.1, modulationIndex: 32, resonance: 7000, octaves: 1.5, volume: -16 })).connect(hatFilter);
    this.openHat.frequency.value = 320;
    this.toms = keep(new Tone.MembraneSynth({ pitchDecay: 0.07, octaves: 2.2, envelope: { attack: 0.001, decay: 0.38, sustain: 0, release: 0.1 }, volume: -6 })).connect(this.output);
    const rimFilter = keep(new Tone.Filter(900, 'highpass')).connect(this.output);
    this.rim = keep(new Tone.MembraneSynth({ pitchDecay: 0.006, octaves: 1.5, envelope: { attack: 0.0005, decay: 0.045, sustain: 0, release: 0.02 }, volume: -8 })).connect(rimFilter);
    // Perc: the 808 cowbell, two square waves a fifth-ish apart through a band-pass.
    const bellFilter = keep(new Tone.Filter({ type: 'bandpass', frequency: 800, Q: 1.6 })).connect(this.output);
    const bell = { oscillator: { type: 'square' as const }, envelope: { attack: 0.001, decay: 0.28, sustain: 0, release: 0.05 }, volume: -12 };
    this.bellLow = keep(new Tone.Synth(bell)).connect(bellFilter);
    this.bellHigh = keep(new Tone.Synth(bell)).connect(bellFilter);
  }

  /** Plays a General MIDI percussion note at audio time `time`. */
  trigger(pitch: number, time: number, velocity: number): DrumVoice {
    const v = Math.max(0.05, velocity / 127);
    const voice = drumVoiceOf(pitch);
    // Tone's sources only restart strictly later than their last start.
    if (time <= (this.lastHit.get(voice) ?? -1) + 0.001) return voice;
    this.lastHit.set(voice, time);
    switch (voice) {
      case 'kick':
        this.kick.triggerAttackRelease(49, 0.3, time, v);
        this.kickClick.triggerAttackRelease(0.01, time, v);
        break;
      case 'snare':
        this.snareBody.triggerAttackRelease(185, 0.1, time, v);
        this.snareNoise.triggerAttackRelease(0.2, time, v);
        break;
      case 'clap':
        for (const [i, offset] of [0, 0.011, 0.023].entries()) this.clap.triggerAttackRelease(0.01, time + offset, v * (0.7 + i * 0.1));
        this.clap.triggerAttackRelease(0.16, time + 0.034, v);
        break;
      case 'closedHat':
        this.openHat.triggerRelease(time);
        this.closedHat.triggerAttackRelease(320, 0.05, time, v);
        break;
      case 'openHat':
        this.openHat.triggerAttackRelease(320, 0.35, time, v);
        break;
      case 'lowTom':
        this.toms.triggerAttackRelease(82, 0.3, time, v);
        break;
      case 'midTom':
        this.toms.triggerAttackRelease(110, 0.28, time, v);
        break;
      case 'highTom':
        this.toms.triggerAttackRelease(147, 0.25, time, v);
        break;
      case 'rim':
        this.rim.triggerAttackRelease(1650, 0.04, time, v);
        break;
      case 'perc':
        this.bellLow.triggerAttackRelease(540, 0.2, time, v);
        this.bellHigh.triggerAttackRelease(800, 0.2, time, v);
        break;
    }
    return voice;
  }

  releaseAll(time: number): void {
    this.openHat.triggerRelease(time);
  }

  dispose(): void {
    for (const node of this.nodes) node.dispose();
    this.output.dispose();
  }
}
