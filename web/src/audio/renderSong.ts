import * as Tone from 'tone';
import type { ProjectDocument } from '../document/projectDocument';
import { arrange } from '../music/arrangement';
import { Sequencer } from '../music/Sequencer';
import { ticksToSeconds } from '../music/time';
import { build, strike, type Instrument } from './instruments';
import { MixBus, type Strip } from './MixBus';

/** Time after the last bar for releases and the reverb to die away. */
const TAIL_SECONDS = 2;
/** Silence before the first note, so that a hit on the downbeat starts cleanly. */
const LEAD_IN_SECONDS = 0.05;
const RENDER_SAMPLE_RATE = 44_100;
/**
 * The longest song rendered, in seconds: the whole render is held in memory (about 420 MB for 15
 * minutes as floats, then the file), so a longer song is refused at once with the reason.
 */
const MAX_RENDER_SECONDS = 15 * 60;

/**
 * Renders the song once through, as the studio plays it, faster than real time: the same instruments,
 * channel strips (volume, pan, mute, solo) and mix on an offline audio context, the notes handed out
 * by the same sequencer (swing included) in one pass. Stereo at 44.1 kHz, the song's whole bars plus a
 * tail for the reverb.
 */
export async function renderSong(doc: ProjectDocument): Promise<AudioBuffer> {
  const song = arrange(doc);
  const seconds = ticksToSeconds(song.lengthTicks, song.bpm);
  if (seconds > MAX_RENDER_SECONDS)
    throw new RangeError(`WAV export renders songs up to ${MAX_RENDER_SECONDS / 60} minutes; this one lasts ${minutesAndSeconds(seconds)}. Export the MIDI file instead, or shorten the song`);
  const sequencer = new Sequencer(Number.POSITIVE_INFINITY);
  sequencer.loop = false;
  const length = LEAD_IN_SECONDS + seconds + TAIL_SECONDS;
  // On the browser's own OfflineAudioContext: the wrapper Tone makes by default has no suspend().
  const native = new OfflineAudioContext(2, Math.ceil(length * RENDER_SAMPLE_RATE), RENDER_SAMPLE_RATE);
  const context = new Tone.OfflineContext(native);
  // Built and scheduled in one synchronous step with the offline context as Tone's current one, so that
  // nothing else on the page (the live studio) can build nodes into it meanwhile.
  const strips: Strip[] = [];
  const instruments: Instrument[] = [];
  const mix = withContext(context, () => {
    const mix = new MixBus();
    for (const track of doc.tracks) {
      const strip = mix.strip(track.instrument);
      strip.channel.set({ volume: track.volume, pan: track.pan, mute: track.mute, solo: track.solo });
      const instrument = build(track.instrument);
      instrument.output.connect(strip.channel);
      strips.push(strip);
      instruments.push(instrument);
    }
    sequencer.start(LEAD_IN_SECONDS, song.bpm);
    sequencer.advance(0, song, {
      note: ({ note, time, duration }) => {
        try {
          strike(instruments[note.trackIndex]!, note.pitch, time, duration, note.velocity);
        } catch {
          // A voice that cannot take this note (see DrumKit.trigger): the rest still play, as live.
        }
      },
    });
    return mix;
  });
  const rendered = await renderInSteps(context, native, length);
  // Let go of the render's nodes (a soloed channel, for one, is registered with Tone until disposed).
  for (const instrument of instruments) instrument.dispose();
  for (const strip of strips) mix.disposeStrip(strip);
  mix.dispose();
  return rendered;
}

function minutesAndSeconds(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

function withContext<T>(context: Tone.BaseContext, work: () => T): T {
  const current = Tone.getContext();
  Tone.setContext(context);
  try {
    return work();
  } finally {
    Tone.setContext(current);
  }
}

/** The render's step; Tone's clock keeps a step and 0.1 s (its live look-ahead) ahead of the audio. */
const STEP_SECONDS = 1;

/**
 * Renders an offline context a second at a time. Tone's own render (`Tone.Offline`) first runs its clock
 * through the whole song, so every note's triggers fire and schedule their automation up front, and only
 * then renders the audio; with all of a song's automation waiting on the synths' parameters the render
 * slowed down as songs grew. On this project's 2-core test machine, Nottingham tunes imported from MIDI
 * (two keys tracks) took 15.6 s for 48 s of music, 317 s for 172 s, and 13 minutes had not finished after
 * 20 minutes; rendered in steps they take 6.7 s, 32.5 s and 140 s. The browser's render stops at each
 * second (`OfflineAudioContext.suspend`, hence the native context) while Tone's clock catches up to the
 * next one. Tone's clock is private (`_currentTime`, Tone 15.5): it is stepped as Tone's render steps it,
 * a render quantum at a time, with the context made current around each tick as Tone does.
 */
async function renderInSteps(context: Tone.OfflineContext, raw: OfflineAudioContext, length: number): Promise<AudioBuffer> {
  const clock = context as unknown as { _currentTime: number };
  const quantum = 128 / context.sampleRate;
  const runClockTo = (until: number) =>
    withContext(context, () => {
      while (clock._currentTime < Math.min(until, length)) {
        context.emit('tick');
        clock._currentTime += quantum;
      }
    });
  // A tick that throws must not leave the render suspended for good: it resumes, and the error is the result.
  let failure: unknown = null;
  for (let at = STEP_SECONDS; at < length; at += STEP_SECONDS) {
    void raw.suspend(at).then(() => {
      try {
        if (failure === null) runClockTo(at + STEP_SECONDS + 0.1);
      } catch (e) {
        failure = e;
      } finally {
        void raw.resume();
      }
    });
  }
  runClockTo(STEP_SECONDS + 0.1);
  const rendered = await raw.startRendering();
  if (failure !== null) throw failure;
  return rendered;
}
