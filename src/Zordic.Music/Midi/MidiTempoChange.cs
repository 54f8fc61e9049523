namespace Zordic.Music.Midi;

/// <summary>A Set Tempo meta event: from <paramref name="Tick"/> on, a quarter note lasts <paramref name="MicrosecondsPerQuarter"/>.</summary>
public readonly record struct MidiTempoChange(long Tick, int MicrosecondsPerQuarter)
{
    /// <summary>The SMF default when a file sets no tempo: 120 quarter notes per minute.</summary>
    public const int DefaultMicrosecondsPerQuarter = 500_000;

    public double Bpm => 60_000_000.0 / MicrosecondsPerQuarter;
}
