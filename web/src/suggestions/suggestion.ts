import { TRACK_KINDS, type TrackKind } from '../document/trackKinds';

/**
 * The agents' suggestions as the hub sends them (docs/hub.md `agent:suggestion`): a sketch of a
 * beat, chords + bass or a melody, made for one request (a prompt or a track to harmonize).
 */
export type SuggestionKind = 'beat' | 'harmony' | 'melody';

export interface SketchNote {
  readonly pitch: number;
  /** Ticks from the sketch's start, at the sketch's ppq. */
  readonly start: number;
  readonly duration: number;
  readonly velocity: number;
}

export interface SketchTrack {
  readonly name: string;
  readonly kind: TrackKind;
  readonly notes: readonly SketchNote[];
}

export interface Sketch {
  readonly bpm: number;
  readonly time_signature: string;
  readonly key: string;
  readonly ppq: number;
  readonly bars: number;
  readonly tracks: readonly SketchTrack[];
}

export interface Suggestion {
  readonly suggestion_id: string;
  readonly project_id: string;
  readonly agent: string;
  readonly kind: SuggestionKind;
  readonly request_id: string;
  readonly prompt: string;
  /** The user id of whoever asked ("api" for the REST API). */
  readonly requested_by: string;
  readonly bpm: number;
  readonly key: string;
  readonly bars: number;
  readonly sketch: Sketch;
  readonly created_at: string;
}

/** Cards are shown in this order within a request: the beat, then what sits on it. */
export const KIND_ORDER: readonly SuggestionKind[] = ['beat', 'harmony', 'melody'];

/** A payload from the hub is checked before the studio trusts it: a malformed one is ignored, not drawn. */
export function isSuggestion(value: unknown): value is Suggestion {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  const sketch = s.sketch as Record<string, unknown> | undefined;
  return (
    typeof s.suggestion_id === 'string' &&
    typeof s.request_id === 'string' &&
    typeof s.prompt === 'string' &&
    (KIND_ORDER as readonly unknown[]).includes(s.kind) &&
    typeof sketch === 'object' &&
    sketch !== null &&
    Array.isArray(sketch.tracks) &&
    (sketch.tracks as unknown[]).every(
      (t) =>
        typeof t === 'object' &&
        t !== null &&
        (TRACK_KINDS as readonly unknown[]).includes((t as SketchTrack).kind) &&
        Array.isArray((t as SketchTrack).notes) &&
        (t as SketchTrack).notes.every((n) => typeof n?.pitch === 'number' && typeof n.start === 'number' && typeof n.duration === 'number' && typeof n.velocity === 'number'),
    )
  );
}
