import { createContext, useContext, useEffect, useRef } from 'react';
import type { StudioController } from './StudioController';
import type { Transport } from './Transport';

/** What every animation frame draws from: the audio clock's view of the transport. */
export interface Frame {
  readonly playing: boolean;
  /** Song position in ticks of what is heard now. */
  readonly tick: number;
  readonly seconds: number;
  /** Audio-clock time of what is heard now (the visualizer's "now"). */
  readonly audioTime: number;
}

type FrameListener = (frame: Frame) => void;

/**
 * One requestAnimationFrame loop per studio page, read from the audio clock, feeding every view that
 * moves (playhead, step columns, visualizer, position display) without a React render per frame.
 */
export class FrameLoop {
  private readonly listeners = new Set<FrameListener>();
  private handle = 0;
  last: Frame = { playing: false, tick: 0, seconds: 0, audioTime: 0 };

  constructor(private readonly transport: Transport) {}

  start(): void {
    const loop = () => {
      const engine = this.transport.engine;
      const playing = engine?.playing ?? false;
      this.last = {
        playing,
        tick: engine && playing ? engine.songTick() : 0,
        seconds: engine && playing ? engine.positionSeconds() : 0,
        audioTime: engine ? engine.heardTime() : 0,
      };
      for (const l of this.listeners) l(this.last);
      this.handle = requestAnimationFrame(loop);
    };
    this.handle = requestAnimationFrame(loop);
  }

  stop(): void {
    cancelAnimationFrame(this.handle);
  }

  subscribe(l: FrameListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

export const StudioContext = createContext<{ controller: StudioController; frames: FrameLoop } | null>(null);

export function useStudioContext() {
  const value = useContext(StudioContext);
  if (!value) throw new Error('outside the studio');
  return value;
}

/** Calls `draw` on every animation frame, with the latest closure. */
export function useFrame(draw: FrameListener): void {
  const { frames } = useStudioContext();
  const latest = useRef(draw);
  latest.current = draw;
  useEffect(() => frames.subscribe((f) => latest.current(f)), [frames]);
}
