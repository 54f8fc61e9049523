import * as Tone from 'tone';
import type { InstrumentPreset } from '../document/trackKinds';

/**
 * The melodic presets (InstrumentPresets.cs: bass, lead, pad, keys, pluck), each a polyphonic synth
 * with the filter and effects that give it its character. Voices are capped so that a dense MIDI
 * import cannot run the audio thread out of time.
 */
export class MelodicInstrument {
  readonly output = new Tone.Gain(1);
  private readonly synth: Tone.PolySynth;
  private readonly nodes: Tone.ToneAudioNode[] = [];

  constructor(readonly preset: Exclude<InstrumentPreset, 'drum-kit'>) {
    const keep = <T extends Tone.ToneAudioNode>(node: T): T => {
      this.nodes.push(node);
      return node;
    };
    switch (preset) {
      case 'bass': {
        // A mono-synth bass: two detuned saws through a resonant low-pass that opens on each note.
        this.synth = new Tone.PolySynth(Tone.MonoSynth, {
          oscillator: { type: 'fatsawtooth', count: 2, spread: 14 },
          filter: { type: 'lowpass', Q: 2.5, rolloff: -24 },
          envelope: { attack: 0.004, decay: 0.3, sustain: 0.7, release: 0.12 },
          filterEnvelope: { attack: 0.004, decay: 0.22, sustain: 0.25, release: 0.2, baseFrequency: 85, octaves: 3.4 },
          volume: -1,
        });
        this.synth.maxPolyphony = 6;
        this.synth.connect(this.output);
        break;
      }
      case 'lead': {
        this.synth = new Tone.PolySynth(Tone.Synth, {
          oscillator: { type: 'fatsawtooth', count: 3, spread: 22 },
          envelope: { attack: 0.008, decay: 0.18, sustain: 0.55, release: 0.28 },
          volume: -4,
        });
        const filter = keep(new Tone.Filter({ type: 'lowpass', frequency: 3600, Q: 1 }));
        const delay = keep(new Tone.FeedbackDelay({ delayTime: '8n.', feedback: 0.28, wet: 0.16 }));
        this.synth.chain(filter, delay, this.output);
        break;
      }
      case 'pad': {
        this.synth = new Tone.PolySynth(Tone.Synth, {
          oscillator: { type: 'fatsawtooth', count: 3, spread: 34 },
          envelope: { attack: 0.45, decay: 0.6, sustain: 0.8, release: 1.8 },
          volume: -7,
        });
        const filter = keep(new Tone.Filter({ type: 'lowpass', frequency: 1500, Q: 0.4 }));
        const chorus = keep(new Tone.Chorus({ frequency: 0.9, delayTime: 3.5, depth: 0.6, wet: 0.5 }).start());
        this.synth.chain(filter, chorus, this.output);
        break;
      }
      case 'keys': {
        // An electric piano: FM with a bright attack that mellows, a touch of tremolo.
        this.synth = new Tone.PolySynth(Tone.FMSynth, {
          harmonicity: 3,
          modulationIndex: 8,
          oscillator: { type: 'sine' },
          modulation: { type: 'sine' },
          envelope: { attack: 0.002, decay: 1.6, sustain: 0.18, release: 0.9 },
          modulationEnvelope: { attack: 0.002, decay: 0.45, sustain: 0.05, release: 0.5 },
          volume: 3,
        });
        const tremolo = keep(new Tone.Tremolo({ frequency: 4.2, depth: 0.18, spread: 40 }).start());
        this.synth.chain(tremolo, this.output);
        break;
      }
      default: {
        // Pluck: a short triangle-ish FM blip through a delay, guitar-like in a mix.
        this.synth = new Tone.PolySynth(Tone.Synth, {
          oscillator: { type: 'fmtriangle', modulationIndex: 1.4, harmonicity: 2 } as Tone.OmniOscillatorOptions,
          envelope: { attack: 0.002, decay: 0.32, sustain: 0.04, release: 0.22 },
          volume: -8,
        });
        const filter = keep(new Tone.Filter({ type: 'lowpass', frequency: 2800, Q: 0.8 }));
        const delay = keep(new Tone.FeedbackDelay({ delayTime: '8n', feedback: 0.22, wet: 0.14 }));
        this.synth.chain(filter, delay, this.output);
      }
    }
    this.synth.maxPolyphony = Math.min(this.synth.maxPolyphony, 24);
  }

  trigger(pitch: number, time: number, duration: number, velocity: number): void {
    this.synth.triggerAttackRelease(Tone.Frequency(pitch, 'midi').toFrequency(), Math.max(0.02, duration), time, Math.max(0.05, velocity / 127));
  }

  releaseAll(time: number): void {
    this.synth.releaseAll(time);
  }

  dispose(): void {
    this.synth.dispose();
    for (const node of this.nodes) node.dispose();
    this.output.dispose();
  }
}
