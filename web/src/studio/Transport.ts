import type { AudioEngine } from '../audio/AudioEngine';
import { useStudio } from './store';

/** Who is told when this tab starts or stops playing: the hub's audio:play and audio:stop. */
export interface PlaybackAnnouncer {
  playback(playing: boolean, position: number, bpm: number): void;
}

/**
 * The transport of one studio tab: the audio engine (once the page's first gesture has made one), play
 * and stop, loop and metronome. Every start and stop is announced to the session with the position
 * and tempo; playing in step with the others (a conductor, clock offsets, rate nudges) builds on it.
 */
export class Transport {
  private current: AudioEngine | null = null;
  private engineArrived: (engine: AudioEngine) => void = () => {};
  /** Resolves once the audio engine exists (at the page's first gesture). */
  readonly whenAudio: Promise<AudioEngine> = new Promise((resolve) => (this.engineArrived = resolve));
  /** True when an audition started the transport (so ending the audition stops it again). */
  private startedByAudition = false;

  /**
   * `bpm` is the tempo announced with a start or stop; `stopped` is called when the person stops
   * playback (a running audition ends with it).
   */
  constructor(
    private readonly announcer: PlaybackAnnouncer,
    private readonly bpm: () => number,
    private readonly stopped: () => void,
  ) {}

  /** The audio engine, or null before the page's first gesture. */
  get engine(): AudioEngine | null {
    return this.current;
  }

  /** Takes the page's engine, with the loop and metronome as the store has them. */
  attach(engine: AudioEngine): void {
    this.current = engine;
    const { loop, metronome } = useStudio.getState();
    engine.setLoop(loop);
    engine.setMetronome(metronome);
    this.engineArrived(engine);
  }

  /** Play from the top, or stop; tells the others in the session (audio:play / audio:stop). */
  async togglePlay(): Promise<void> {
    const engine = await this.whenAudio;
    const bpm = this.bpm();
    if (engine.playing) {
      this.halt(engine, bpm);
      this.stopped();
      return;
    }
    await this.start(engine, () => bpm);
  }

  async stopPlayback(): Promise<void> {
    if (this.current?.playing) await this.togglePlay();
  }

  setLoop(loop: boolean): void {
    useStudio.setState({ loop });
    this.current?.setLoop(loop);
  }

  setMetronome(on: boolean): void {
    useStudio.setState({ metronome: on });
    this.current?.setMetronome(on);
  }

  /**
   * An audition loops, and starts the transport when it is stopped (remembering it did), announced at
   * `bpm` as it is once playing.
   */
  async startAudition(engine: AudioEngine, bpm: () => number): Promise<void> {
    engine.setLoop(true);
    if (engine.playing) return;
    this.startedByAudition = true;
    await this.start(engine, bpm);
  }

  /** The loop is the person's again; `stop` stops the transport too when the audition started it. */
  endAudition(stop: boolean): void {
    this.current?.setLoop(useStudio.getState().loop);
    if (stop && this.startedByAudition && this.current?.playing) this.halt(this.current, this.bpm());
    this.startedByAudition = false;
  }

  /** Silence when the studio closes. */
  close(): void {
    this.current?.stop();
  }

  private async start(engine: AudioEngine, bpm: () => number): Promise<void> {
    await engine.play(() => useStudio.setState({ playing: false }));
    useStudio.setState({ playing: true });
    this.announcer.playback(true, 0, bpm());
  }

  private halt(engine: AudioEngine, bpm: number): void {
    const position = engine.positionSeconds();
    engine.stop();
    useStudio.setState({ playing: false });
    this.announcer.playback(false, position, bpm);
  }
}
