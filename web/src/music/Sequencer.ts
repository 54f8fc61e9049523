import { firstNoteAt, type Arrangement, type SongNote } from './arrangement';
import { secondsToTicks, swingTick, ticksPerBar, ticksPerBeat, ticksToSeconds } from './time';

/** How far ahead of the audio clock events are scheduled: the seed's 100 ms buffer. */
export const LOOKAHEAD_SECONDS = 0.1;

export interface NoteEvent {
  readonly note: SongNote;
  /** Audio-context time the note starts, in seconds: sample-accurate, never wall-clock time. */
  readonly time: number;
  readonly duration: number;
}

export interface ClickEvent {
  readonly time: number;
  readonly downbeat: boolean;
}

export interface SequencerOutput {
  note(event: NoteEvent): void;
  click?(event: ClickEvent): void;
}

interface Anchor {
  readonly time: number;
  readonly tick: number;
  readonly bpm: number;
}

/**
 * The lookahead scheduler of "A Tale of Two Clocks", in ticks: called often (every audio-clock tick
 * of the engine, ~25 ms), it hands out every event that falls before now + 100 ms with its exact
 * audio time, once. Musical time runs on an absolute tick count since play; each pass of the loop
 * starts at a tick of its own, so an arrangement that grows or shrinks while playing takes effect at
 * the next pass instead of making the playhead jump. Tempo changes re-anchor the tick ↔ time line at
 * the furthest point already scheduled, so nothing scheduled moves. Pure: no Web Audio in here.
 */
export class Sequencer {
  private anchor: Anchor = { time: 0, tick: 0, bpm: 120 };
  private previous: Anchor | null = null;
  /** Absolute tick up to which events have been handed out. */
  private cursor = 0;
  private passStart = 0;
  private lastPassStart = 0;
  private lastPassLength = 0;
  private startTime = 0;
  private endTime: number | null = null;
  playing = false;
  loop = true;
  metronome = false;

  constructor(readonly lookahead = LOOKAHEAD_SECONDS) {}

  /** Starts at audio time `time` from song position `fromTick`. */
  start(time: number, bpm: number, fromTick = 0): void {
    this.anchor = { time, tick: fromTick, bpm };
    this.previous = null;
    this.cursor = fromTick;
    this.passStart = 0;
    this.lastPassStart = 0;
    this.lastPassLength = 0;
    this.startTime = time;
    this.endTime = null;
    this.playing = true;
  }

  stop(): void {
    this.playing = false;
  }

  get bpm(): number {
    return this.anchor.bpm;
  }

  /** Changes tempo from the furthest point already scheduled, so that scheduled notes stay put. */
  setBpm(bpm: number): void {
    if (bpm === this.anchor.bpm) return;
    if (!this.playing) {
      this.anchor = { ...this.anchor, bpm };
      return;
    }
    const at = this.cursor;
    this.previous = this.anchor;
    this.anchor = { time: this.timeAt(at), tick: at, bpm };
  }

  /** Absolute ticks since play at audio time `time`. */
  tickAt(time: number): number {
    const a = this.previous && time < this.anchor.time ? this.previous : this.anchor;
    return a.tick + secondsToTicks(time - a.time, a.bpm);
  }

  timeAt(tick: number): number {
    const a = this.previous && tick < this.anchor.tick ? this.previous : this.anchor;
    return a.time + ticksToSeconds(tick - a.tick, a.bpm);
  }

  /** Song position in ticks (within the loop) at audio time `time`; 0 when stopped. */
  songTickAt(time: number): number {
    if (!this.playing && this.endTime === null) return 0;
    const t = Math.max(this.startTime, this.endTime !== null ? Math.min(time, this.endTime) : time);
    const tick = this.tickAt(t);
    // The cursor runs up to 100 ms ahead, so "now" may still be in the pass before the current one.
    if (tick >= this.passStart) return tick - this.passStart;
    if (tick >= this.lastPassStart) return tick - this.lastPassStart;
    return Math.max(0, tick - this.lastPassStart + this.lastPassLength);
  }

  /** Seconds since play, on the audio clock. */
  elapsedAt(time: number): number {
    return this.playing || this.endTime !== null ? Math.max(0, (this.endTime !== null ? Math.min(time, this.endTime) : time) - this.startTime) : 0;
  }

  /** Audio time at which a non-looping play reaches the song's end, once known. */
  get endsAt(): number | null {
    return this.endTime;
  }

  /** Hands out every event before `now` + lookahead that has not been handed out yet. */
  advance(now: number, song: Arrangement, out: SequencerOutput): void {
    if (!this.playing || this.endTime !== null) return;
    this.setBpm(song.bpm);
    const target = this.tickAt(now + this.lookahead);
    const barTicks = ticksPerBar(song.meter);
    while (this.cursor < target) {
      const length = Math.max(1, song.lengthTicks);
      const passEnd = this.passStart + length;
      const end = Math.min(target, passEnd);
      const from = this.cursor - this.passStart;
      const to = end - this.passStart;
      for (let i = firstNoteAt(song.notes, from); i < song.notes.length; i++) {
        const note = song.notes[i]!;
        if (note.tick >= to) break;
        const bar = Math.floor(note.tick / barTicks) * barTicks;
        const swung = bar + swingTick(note.tick - bar, song.swing, barTicks);
        const time = this.timeAt(this.passStart + swung);
        out.note({ note, time, duration: ticksToSeconds(note.durationTicks, this.anchor.bpm) });
      }
      if (this.metronome && out.click) {
        const beat = ticksPerBeat(song.meter);
        for (let b = Math.ceil(from / beat) * beat; b < to; b += beat) out.click({ time: this.timeAt(this.passStart + b), downbeat: b % barTicks === 0 });
      }
      this.cursor = end;
      if (end < passEnd) break;
      if (!this.loop) {
        this.endTime = this.timeAt(passEnd);
        break;
      }
      this.lastPassStart = this.passStart;
      this.lastPassLength = length;
      this.passStart = passEnd;
    }
  }
}
