import * as Tone from 'tone';
import type { ProjectDocument, TrackDocument } from '../document/projectDocument';
import type { InstrumentPreset } from '../document/trackKinds';
import { arrange, type Arrangement } from '../music/arrangement';
import { laneOf, type DrumVoice } from '../music/drumMap';
import { visualInstrument } from '../music/visualEffects';
import { LOOKAHEAD_SECONDS, Sequencer } from '../music/Sequencer';
import { ticksToSeconds } from '../music/time';
import { midiToFrequency } from '../music/visualMappings';
import { build, strike, type Instrument } from './instruments';
import { MixBus, type Strip } from './MixBus';

/** A note as the visualizer sees it: when it sounds on the audio clock, how loud, how high. */
export interface VisualEvent {
  readonly time: number;
  readonly duration: number;
  readonly velocity: number;
  readonly frequency: number;
  readonly trackIndex: number;
  readonly drums: boolean;
  /** What played it, as the visual agent names instruments (music/visualEffects.ts). */
  readonly instrument: string;
}

interface TrackVoice {
  readonly strip: Strip;
  instrument: Instrument;
  preset: string;
}

/** Idle instruments kept per preset for the next track that needs one. */
const SPARES_PER_PRESET = 2;

/**
 * How long an instrument that was just playing lives on before it is disposed: its notes' releases
 * and scheduled stops must be over first, or Tone's clean-up of an oscillator ending after its synth
 * was disposed throws (an InvalidAccessError from a disconnect that no longer exists).
 */
const DISPOSE_AFTER_MS = 4000;

/** Runs `work` when the main thread is idle (or soon, where requestIdleCallback is missing). */
const whenIdle = (work: () => void): void => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 1000 });
  else setTimeout(work, 16);
};

/**
 * The studio's sound: one channel strip per track into the mix (`MixBus`). Notes come from the pure
 * Sequencer, driven by the audio context's own ticker (a worker, so a background tab keeps time) and
 * scheduled at the sequencer's exact audio times — never from Date.now(). The engine reads the newest
 * arrangement on every tick, so an edit made while playing is heard the next time the playhead gets there.
 */
export class AudioEngine {
  readonly sequencer = new Sequencer(LOOKAHEAD_SECONDS);
  readonly visualEvents: VisualEvent[] = [];
  private readonly context: Tone.Context;
  private readonly voices = new Map<string, TrackVoice>();
  /**
   * Instruments not in use, by preset. Building one costs tens of milliseconds of main thread (a drum
   * kit is a dozen synths), so a track that goes away leaves its instrument here for the next track of
   * that preset — an audition's drums become the kept track's drums without a gap — and `prepare`
   * builds them ahead of need while the page is idle.
   */
  private readonly spares = new Map<string, Instrument[]>();
  /** Instruments on their way out, disposed once their last notes are over (DISPOSE_AFTER_MS). */
  private readonly dying = new Set<Instrument>();
  private readonly mix: MixBus;
  private readonly click: Tone.Synth;
  readonly analyser: Tone.FFT;
  /** The master's loudness, for the level display and for tests that need to know sound comes out. */
  readonly meter: Tone.Meter;
  private arrangement: Arrangement | null = null;
  private tracks: readonly TrackDocument[] = [];
  private onEnd: (() => void) | null = null;
  private disposed = false;

  constructor() {
    this.context = new Tone.Context({ latencyHint: 'interactive', lookAhead: LOOKAHEAD_SECONDS, updateInterval: 0.025 });
    Tone.setContext(this.context);
    this.mix = new MixBus();
    this.analyser = new Tone.FFT({ size: 2048, smoothing: 0.7 });
    this.mix.output.connect(this.analyser);
    this.meter = new Tone.Meter({ smoothing: 0.6 });
    this.mix.output.connect(this.meter);
    this.click = new Tone.Synth({ oscillator: { type: 'triangle' }, envelope: { attack: 0.001, decay: 0.05, sustain: 0, release: 0.02 }, volume: -10 }).connect(this.mix.input);
    this.context.on('tick', this.tick);
  }

  /** The AudioContext's state: 'running' once a gesture has started it. */
  get state(): AudioContextState {
    return this.context.state;
  }

  /** Master level in dB (−Infinity when silent). */
  level(): number {
    const value: number | number[] = this.meter.getValue();
    return Array.isArray(value) ? Math.max(...value) : value;
  }

  /** Audio-clock time now, in seconds. */
  now(): number {
    return this.context.currentTime;
  }

  /**
   * Audio-clock time of what is being heard now: events are scheduled on the context clock, and reach
   * the speakers the output latency later, so visuals drawn "now" show what was scheduled this much earlier.
   */
  heardTime(): number {
    const raw = this.context.rawContext as AudioContext;
    const latency = (raw.outputLatency || 0) + (raw.baseLatency || 0);
    return Math.max(0, this.context.currentTime - latency);
  }

  /** Starts the context; must run inside a user gesture the first time (browsers' autoplay rule). */
  async unlock(): Promise<void> {
    if (this.context.state !== 'running') await this.context.resume();
  }

  setDocument(doc: ProjectDocument): void {
    this.arrangement = arrange(doc);
    this.tracks = doc.tracks;
    const live = new Set(doc.tracks.map((t) => t.id));
    // Tracks that went away first: their instruments may serve the tracks that arrive in this same change.
    for (const [id, voice] of this.voices) {
      if (live.has(id)) continue;
      this.retire(voice.instrument, voice.preset);
      this.mix.disposeStrip(voice.strip);
      this.voices.delete(id);
    }
    for (const track of doc.tracks) {
      let voice = this.voices.get(track.id);
      if (!voice || voice.preset !== track.instrument) {
        if (voice) this.retire(voice.instrument, voice.preset);
        const instrument = this.take(track.instrument);
        if (!voice) {
          voice = { strip: this.mix.strip(track.instrument), instrument, preset: track.instrument };
          this.voices.set(track.id, voice);
        } else {
          voice.instrument = instrument;
          voice.preset = track.instrument;
          this.mix.setSend(voice.strip, track.instrument);
        }
        instrument.output.connect(voice.strip.channel);
      }
      const { channel } = voice.strip;
      if (channel.volume.value !== track.volume) channel.volume.rampTo(track.volume, 0.03);
      if (channel.pan.value !== track.pan) channel.pan.rampTo(track.pan, 0.03);
      if (channel.mute !== track.mute) channel.mute = track.mute;
      if (channel.solo !== track.solo) channel.solo = track.solo;
    }
  }

  /** Builds, while the page is idle, one spare instrument of each preset that has none (see `spares`). */
  prepare(presets: readonly InstrumentPreset[]): void {
    for (const preset of presets) {
      if ((this.spares.get(preset)?.length ?? 0) > 0) continue;
      this.spares.set(preset, this.spares.get(preset) ?? []);
      whenIdle(() => {
        const pool = this.spares.get(preset);
        if (!pool || this.disposed || pool.length > 0) return;
        pool.push(build(preset));
      });
    }
  }

  private take(preset: string): Instrument {
    return this.spares.get(preset)?.pop() ?? build(preset);
  }

  private retire(instrument: Instrument, preset: string): void {
    instrument.releaseAll(this.context.currentTime);
    instrument.output.disconnect();
    const pool = this.spares.get(preset) ?? [];
    this.spares.set(preset, pool);
    if (pool.length < SPARES_PER_PRESET) {
      pool.push(instrument);
      return;
    }
    this.dying.add(instrument);
    setTimeout(() => {
      if (!this.dying.delete(instrument)) return;
      instrument.dispose();
    }, DISPOSE_AFTER_MS);
  }

  get playing(): boolean {
    return this.sequencer.playing;
  }

  /** Starts playing from the top a little ahead of now, so the first notes are not late. */
  async play(onEnd?: () => void): Promise<void> {
    await this.unlock();
    this.onEnd = onEnd ?? null;
    this.sequencer.start(this.context.currentTime + 0.06, this.arrangement?.bpm ?? 120, 0);
    this.tick();
  }

  stop(): void {
    this.sequencer.stop();
    const now = this.context.currentTime;
    for (const voice of this.voices.values()) voice.instrument.releaseAll(now);
    this.visualEvents.length = 0;
  }

  setLoop(loop: boolean): void {
    this.sequencer.loop = loop;
  }

  setMetronome(on: boolean): void {
    this.sequencer.metronome = on;
  }

  /** Song position in ticks of what is heard now. */
  songTick(): number {
    return this.sequencer.playing ? this.sequencer.songTickAt(this.heardTime()) : 0;
  }

  /** Song position in seconds at the current tempo. */
  positionSeconds(): number {
    return ticksToSeconds(this.songTick(), this.sequencer.bpm);
  }

  elapsedSeconds(): number {
    return this.sequencer.elapsedAt(this.heardTime());
  }

  /** Plays one note at once (a step switched on, a note drawn), so that editing is heard while stopped. */
  audition(trackId: string, pitch: number, velocity: number, duration = 0.3): void {
    // While playing the sequencer owns the voices: a note slipped in now could land before one
    // already scheduled on the same voice, which monophonic drum voices cannot take.
    if (this.context.state !== 'running' || this.sequencer.playing) return;
    const voice = this.voices.get(trackId);
    if (!voice) return;
    strike(voice.instrument, pitch, this.context.currentTime + 0.01, duration, velocity);
  }

  private readonly tick = (): void => {
    if (!this.sequencer.playing || !this.arrangement) return;
    const now = this.context.currentTime;
    this.sequencer.advance(now, this.arrangement, {
      note: ({ note, time: due, duration }) => {
        const voice = this.voices.get(note.trackId);
        if (!voice) return;
        // After a stall of the main thread (a busy machine, a tab coming back from the background)
        // events can come due in the past: a little late is played at once, very late is dropped — a
        // late hit sounds like a mistake, a missing one goes unnoticed.
        if (due < now - 0.05) return;
        const time = Math.max(due, now + 0.002);
        const track = this.tracks[note.trackIndex];
        let drumVoice: DrumVoice | null;
        try {
          drumVoice = strike(voice.instrument, note.pitch, time, duration, note.velocity);
        } catch {
          return; // a voice that cannot take this note now (see DrumKit.trigger); the rest still play
        }
        const frequency = drumVoice ? laneOf(drumVoice).frequency : midiToFrequency(note.pitch);
        if (track && !track.mute) this.visualEvents.push({ time, duration: Math.max(duration, 0.12), velocity: note.velocity, frequency, trackIndex: note.trackIndex, drums: drumVoice !== null, instrument: visualInstrument(track.kind, drumVoice) });
      },
      click: ({ time, downbeat }) => this.click.triggerAttackRelease(downbeat ? 1760 : 1320, 0.03, time, downbeat ? 0.9 : 0.55),
    });
    if (this.visualEvents.length > 512) this.visualEvents.splice(0, this.visualEvents.length - 512);
    const end = this.sequencer.endsAt;
    if (end !== null && now >= end) {
      this.sequencer.stop();
      this.onEnd?.();
    }
  };

  dispose(): void {
    this.disposed = true;
    this.context.off('tick', this.tick);
    for (const voice of this.voices.values()) {
      voice.instrument.dispose();
      this.mix.disposeStrip(voice.strip);
    }
    for (const pool of this.spares.values()) for (const instrument of pool) instrument.dispose();
    for (const instrument of this.dying) instrument.dispose();
    this.dying.clear();
    this.mix.dispose();
    void this.context.close();
  }
}
