/** Track kinds and instrument presets, as src/Zordic.Music/Document/TrackKind.cs and InstrumentPresets.cs name them. */
export const TRACK_KINDS = ['drums', 'bass', 'lead', 'chords', 'pad', 'keys', 'fx'] as const;
export type TrackKind = (typeof TRACK_KINDS)[number];

export const INSTRUMENT_PRESETS = ['drum-kit', 'bass', 'lead', 'pad', 'keys', 'pluck'] as const;
export type InstrumentPreset = (typeof INSTRUMENT_PRESETS)[number];

/** The preset a new track of this kind starts with (InstrumentPresets.DefaultFor). */
export function defaultPresetFor(kind: TrackKind): InstrumentPreset {
  switch (kind) {
    case 'drums': return 'drum-kit';
    case 'bass': return 'bass';
    case 'lead': return 'lead';
    case 'pad': return 'pad';
    case 'fx': return 'pluck';
    default: return 'keys';
  }
}

/** A new track's default name: its kind, capitalised ("Drums"). */
export const defaultTrackName = (kind: TrackKind): string => kind[0]!.toUpperCase() + kind.slice(1);

/** The ranges of src/Zordic.Music/Document/DocumentLimits.cs. */
export const LIMITS = {
  minBpm: 20, maxBpm: 400,
  minSwing: 0, maxSwing: 1,
  minVolumeDb: -96, maxVolumeDb: 6,
  minPan: -1, maxPan: 1,
  minPitch: 0, maxPitch: 127,
  minVelocity: 1, maxVelocity: 127,
  maxBars: 4096,
  maxClipLengthBars: 1024,
  maxTicks: 4096 * 32 * 480,
  maxNameLength: 200,
  maxIdLength: 64,
} as const;
