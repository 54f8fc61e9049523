import type { DrumVoice } from './drumMap';
import type { TrackKind } from '../document/trackKinds';

/**
 * The visual agent's effect families (src/Zordic.Agents/Visual/VisualEffects.cs): how the visualizer
 * draws an instrument's notes. The studio asks the agent (POST /api/visual/effect) once per instrument
 * and keeps the answer — never once per note — and draws the plain bloom until it has one.
 */
export const EFFECT_FAMILIES = ['pulse', 'ripple', 'flash', 'particles', 'wave', 'glow'] as const;
export type EffectFamily = (typeof EFFECT_FAMILIES)[number];

const DRUM_INSTRUMENTS: Record<DrumVoice, string> = {
  kick: 'kick',
  snare: 'snare',
  clap: 'clap',
  rim: 'side stick',
  closedHat: 'closed hat',
  openHat: 'open hat',
  lowTom: 'drums',
  midTom: 'drums',
  highTom: 'drums',
  perc: 'drums',
};

/** The instrument name the visual agent knows for a note: the drum voice that played it, or the track's kind. */
export function visualInstrument(kind: TrackKind, voice: DrumVoice | null): string {
  return voice ? DRUM_INSTRUMENTS[voice] : kind;
}

export interface EffectRequest {
  readonly instrument: string;
  readonly velocity: number;
  readonly frequency: number;
}

/** Asks the agent; resolves to its answer's `type`, or rejects. */
export type EffectFetcher = (request: EffectRequest) => Promise<unknown>;

/**
 * Each instrument's effect family, asked for once: `familyOf` answers from the cache and, the first time
 * an instrument is seen, starts the one request for it. An instrument whose request failed or came back
 * with something unknown keeps the default (null) for the rest of the session rather than asking again.
 */
export class EffectFamilies {
  private readonly known = new Map<string, EffectFamily | null>();
  private readonly asking = new Set<string>();
  requests = 0;

  constructor(private readonly fetcher: EffectFetcher) {}

  familyOf(instrument: string, velocity: number, frequency: number): EffectFamily | null {
    const family = this.known.get(instrument);
    if (family !== undefined) return family;
    if (!this.asking.has(instrument)) {
      this.asking.add(instrument);
      this.requests++;
      const request = { instrument, velocity: Math.round(Math.min(127, Math.max(0, velocity))), frequency: Math.min(20_000, Math.max(20, frequency)) };
      this.fetcher(request).then(
        (answer) => {
          const type = (answer as { type?: unknown } | null)?.type;
          this.known.set(instrument, typeof type === 'string' && (EFFECT_FAMILIES as readonly string[]).includes(type) ? (type as EffectFamily) : null);
        },
        () => this.known.set(instrument, null),
      );
    }
    return null;
  }
}
