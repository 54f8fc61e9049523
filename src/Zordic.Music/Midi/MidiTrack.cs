namespace Zordic.Music.Midi;

/// <summary>
/// The notes one MIDI track plays on one channel. A track chunk that plays on several channels gives
/// several of these, one per channel, in channel order.
/// </summary>
/// <param name="ChunkIndex">Index of the <c>MTrk</c> chunk in the file, counting from 0.</param>
/// <param name="Channel">MIDI channel 0–15 (channel 10 of the spec is 9 here).</param>
/// <param name="Name">The track's name meta event (or instrument name), cleaned for display; null when it has none.</param>
/// <param name="Program">General MIDI program 0–127 of the channel's first program change, 0 when there is none.</param>
/// <param name="Notes">Notes ordered by start tick, then by the order they started in.</param>
public sealed record MidiTrack(int ChunkIndex, int Channel, string? Name, int Program, IReadOnlyList<MidiNote> Notes)
{
    /// <summary>Channel 10 (index 9) plays the General MIDI percussion map.</summary>
    public bool IsDrums => Channel == MidiChannels.Drums;
}
