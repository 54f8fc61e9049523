import type { TrackKind } from '../document/trackKinds';

/** Each kind of track has its colour, the same in the track list, the piano roll and the agents' cards. */
export const TRACK_COLORS: Record<TrackKind, string> = {
  drums: '#ffb347',
  bass: '#7d95ff',
  lead: '#ff6fae',
  chords: '#b58cff',
  pad: '#3dd6c6',
  keys: '#7be07b',
  fx: '#ffd166',
};
