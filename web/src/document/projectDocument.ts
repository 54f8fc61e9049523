import type { InstrumentPreset, TrackKind } from './trackKinds';

/**
 * The visible project document as the server sends it (GET /api/projects/{id}, the hub's
 * state:sync): live objects only, tracks by order, clips by bar, notes by time.
 */
export interface NoteDocument {
  readonly id: string;
  readonly pitch: number;
  /** Ticks from the clip's start, 480 per quarter note. */
  readonly start_tick: number;
  readonly duration_ticks: number;
  readonly velocity: number;
}

export interface ClipDocument {
  readonly id: string;
  readonly start_bar: number;
  readonly length_bars: number;
  readonly notes: readonly NoteDocument[];
}

export interface TrackDocument {
  readonly id: string;
  readonly name: string;
  readonly kind: TrackKind;
  readonly instrument: InstrumentPreset;
  /** dB, −96…+6. */
  readonly volume: number;
  readonly pan: number;
  readonly mute: boolean;
  readonly solo: boolean;
  /** A fractional index key (fractionalIndex.ts). */
  readonly order: string;
  readonly clips: readonly ClipDocument[];
}

export interface ProjectDocument {
  readonly id: string;
  readonly name: string;
  readonly bpm: number;
  readonly time_signature: { readonly numerator: number; readonly denominator: number };
  readonly key: { readonly tonic: string; readonly mode: string };
  readonly swing: number;
  readonly tracks: readonly TrackDocument[];
  /** The version vector the document is at: session id → how many of that session's ops it includes. */
  readonly version_vector?: Readonly<Record<string, number>>;
  readonly seq?: number;
}
