namespace Zordic.Music.Midi;

/// <summary>
/// Bounds on what the reader accepts, so that an upload can cost at most a known amount of memory and time.
/// Events are walked in place and cost no memory; only what is kept (notes, tempo changes, tracks) is bounded.
/// </summary>
public sealed record MidiLimits
{
    public static MidiLimits Default { get; } = new();

    /// <summary>Real songs are kilobytes; a few megabytes covers orchestral scores with controller data.</summary>
    public int MaxFileBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Tracks that have notes (one per MIDI track and channel); empty tracks are skipped and never count.</summary>
    public int MaxTracks { get; init; } = 256;

    /// <summary>Notes in the whole song, counted as they start.</summary>
    public int MaxNotes { get; init; } = 500_000;

    /// <summary>Tempo, time signature and key signature events in the whole song.</summary>
    public int MaxConductorEvents { get; init; } = 100_000;
}
