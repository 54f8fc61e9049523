import * as Tone from 'tone';

/** How much of each preset goes to the shared reverb, in dB: drums dry, pads wet. */
const REVERB_SEND_DB: Record<string, number> = { 'drum-kit': -24, bass: -40, lead: -15, pad: -8, keys: -14, pluck: -12 };
const REVERB_DECAY_SECONDS = 2.6;
const REVERB_PRE_DELAY_SECONDS = 0.02;

/**
 * The reverb's impulse response, shaped as Tone.Reverb shapes its own (stereo white noise, silent for
 * the pre-delay, then Tone's exponential approach to silence, ramped to zero over the last tenth), but
 * made here in plain arithmetic from a fixed seed: at once, so that a mix can be built and rendered
 * offline in one synchronous step, and the same every time.
 */
function impulseResponse(sampleRate: number): AudioBuffer {
  const end = REVERB_PRE_DELAY_SECONDS + REVERB_DECAY_SECONDS;
  const length = Math.round(end * sampleRate);
  const buffer = new AudioBuffer({ numberOfChannels: 2, length, sampleRate });
  const timeConstant = Math.log(REVERB_DECAY_SECONDS + 1) / Math.log(200);
  const rampFrom = REVERB_PRE_DELAY_SECONDS + REVERB_DECAY_SECONDS * 0.9;
  const atRamp = Math.exp(-(rampFrom - REVERB_PRE_DELAY_SECONDS) / timeConstant);
  let state = 0x5eed;
  const noise = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
  for (let c = 0; c < 2; c++) {
    const data = buffer.getChannelData(c);
    for (let i = 0; i < length; i++) {
      const t = i / sampleRate;
      const gain = t < REVERB_PRE_DELAY_SECONDS ? 0 : t < rampFrom ? Math.exp(-(t - REVERB_PRE_DELAY_SECONDS) / timeConstant) : (atRamp * (end - t)) / (end - rampFrom);
      data[i] = noise() * gain;
    }
  }
  return buffer;
}

/** A track's channel strip: volume, pan, mute, solo, and its send to the reverb. */
export interface Strip {
  readonly channel: Tone.Channel;
  readonly send: Tone.Gain;
}

/**
 * The mix every track plays into, as on a console: a channel strip per track with a send to one shared
 * reverb (one convolver for the whole mix), a gentle bus compressor and a limiter. Built at once on
 * Tone's current context, so the live studio and an offline render (`renderSong`) mix alike. Sends are
 * plain connections rather than Tone's named buses, which are shared by every context of the page.
 */
export class MixBus {
  /** The master output, after the limiter: meters and analysers listen here. */
  readonly output: Tone.Limiter;
  /** Where strips and the metronome's click go in. */
  readonly input: Tone.Gain;
  private readonly compressor: Tone.Compressor;
  private readonly reverb: Tone.Convolver;
  private readonly reverbReturn: Tone.Channel;

  constructor() {
    this.output = new Tone.Limiter(-0.8).toDestination();
    this.compressor = new Tone.Compressor({ threshold: -16, ratio: 2.5, attack: 0.01, release: 0.2 }).connect(this.output);
    this.input = new Tone.Gain(0.9).connect(this.compressor);
    this.reverbReturn = new Tone.Channel({ volume: -4 }).connect(this.input);
    this.reverb = new Tone.Convolver(impulseResponse(this.input.context.sampleRate)).connect(this.reverbReturn);
  }

  /** A new channel strip into the mix, its send set for `preset`. */
  strip(preset: string): Strip {
    const channel = new Tone.Channel().connect(this.input);
    const send = new Tone.Gain(0);
    channel.connect(send);
    send.connect(this.reverb);
    this.setSend({ channel, send }, preset);
    return { channel, send };
  }

  /** Sets a strip's reverb send to its preset's level. */
  setSend(strip: Strip, preset: string): void {
    strip.send.gain.value = Tone.dbToGain(REVERB_SEND_DB[preset] ?? -20);
  }

  disposeStrip(strip: Strip): void {
    strip.send.dispose();
    strip.channel.dispose();
  }

  dispose(): void {
    for (const node of [this.reverb, this.reverbReturn, this.input, this.compressor, this.output]) node.dispose();
  }
}
