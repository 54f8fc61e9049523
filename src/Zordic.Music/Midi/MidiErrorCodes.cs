namespace Zordic.Music.Midi;

/// <summary>The reasons a MIDI file is rejected; stable strings for API problem details and the CLI.</summary>
public static class MidiErrorCodes
{
    /// <summary>The file has no bytes at all.</summary>
    public const string EmptyFile = "empty_file";
    /// <summary>The file does not start with an <c>MThd</c> header (text, raw SysEx, another format).</summary>
    public const string NotMidi = "not_midi";
    /// <summary>A MIDI 2.0 clip file (<c>SMF2CLIP</c>); only Standard MIDI Files (MIDI 1.0) are imported.</summary>
    public const string Midi2Clip = "midi2_clip";
    /// <summary>The <c>MThd</c> chunk is too short or its division is zero.</summary>
    public const string BadHeader = "bad_header";
    /// <summary>A header format other than 0, 1 or 2.</summary>
    public const string UnsupportedFormat = "unsupported_format";
    /// <summary>The file ends inside the header, a chunk header or a chunk.</summary>
    public const string Truncated = "truncated";
    /// <summary>A chunk length that does not fit its content: the next chunk starts in garbage, or an event runs past its track.</summary>
    public const string BadChunkLength = "bad_chunk_length";
    /// <summary>A status byte F1–FE (other than F7 and FF) inside a track: real-time and system-common messages have no place in a file.</summary>
    public const string IllegalStatus = "illegal_status";
    /// <summary>A data byte where a status byte was needed, with no running status to resume.</summary>
    public const string MissingStatus = "missing_status";
    /// <summary>A malformed event: a data byte with the high bit set, or a variable-length quantity longer than 4 bytes.</summary>
    public const string BadEvent = "bad_event";
    /// <summary>The file is larger than <see cref="MidiLimits.MaxFileBytes"/>.</summary>
    public const string TooLarge = "too_large";
    /// <summary>More tracks with notes than <see cref="MidiLimits.MaxTracks"/>.</summary>
    public const string TooManyTracks = "too_many_tracks";
    /// <summary>More notes than <see cref="MidiLimits.MaxNotes"/>.</summary>
    public const string TooManyNotes = "too_many_notes";
    /// <summary>More tempo, time signature or key signature changes than <see cref="MidiLimits.MaxConductorEvents"/>.</summary>
    public const string TooManyEvents = "too_many_events";
}
