import * as Tone from 'tone';
import type { ProjectDocument } from '../collab/document';
import { arrange } from '../music/arrangement';
import { Sequencer } from '../music/Sequencer';
import { ticksToSeconds } from '../music/time';
import { build, strike, type Instrument } from './instruments';
import { MixBus, type Strip } from './MixBus';

/** Time after the last bar for releases and the reverb to die away. */
export const TAIL_SECONDS = 2;
/** Silence before the first note, so that a hit on the downbeat starts cleanly. */
const LEAD_IN_SECONDS = 0.05;
export const RENDER_SAMPLE_RATE = 44_100;
/**
 * The longest song rendered, in seconds. The offline render's time grows faster than the song: on this
 * project's 2-core test machine a 48 s song (two keys tracks, 158 notes) took 15.6 s, a 172 s one (1,112
 * notes) 317 s, and a 13-minute one (3,868 notes) had not finished after 20 minutes. So a longer song is
 * refused at once with the reason, not left "Rendering…" for many minutes.
 */
export const MAX_RENDER_SECONDS = 180;

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
    throw new RangeError(`WAV export renders songs up to ${MAX_RENDER_SECONDS / 60} minutes; this one lasts ${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, '0')}. Export the MIDI file instead, or shorten the song`);
  const sequencer = new Sequencer(Number.POSITIVE_INFINITY);
  sequencer.loop = false;
  const length = LEAD_IN_SECONDS + seconds + TAIL_SECONDS;
  // Built and scheduled in one synchronous step: Tone.Offline makes its context the page's current one
  // while this runs, and nothing else on the page may build nodes meanwhile (the live studio would).
  let mix: MixBus | undefined;
  const strips: Strip[] = [];
  const instruments: Instrument[] = [];
  const rendered = await Tone.Offline(() => {
    mix = new MixBus();
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
  }, length, 2, RENDER_SAMPLE_RATE);
  // Let go of the render's nodes (a soloed channel, for one, is registered with Tone until disposed).
  for (const instrument of instruments) instrument.dispose();
  for (const strip of strips) mix!.disposeStrip(strip);
  mix!.dispose();
  return rendered.get()!;
}
