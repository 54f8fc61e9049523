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
