namespace Zordic.Music.Midi;

/// <summary>
/// A note as read from a file, in ticks at 480 per quarter from the start of the song. The duration may be
/// zero (a note-on and its note-off on the same tick); the import into a project makes it one tick.
/// </summary>
public readonly record struct MidiNote(long StartTick, long DurationTicks, int Pitch, int Velocity)
{
    public long EndTick => StartTick + DurationTicks;
}
