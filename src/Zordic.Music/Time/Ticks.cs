namespace Zordic.Music.Time;

/// <summary>Musical time: every position in a project is counted in ticks of a quarter note.</summary>
public static class Ticks
{
    /// <summary>Ticks per quarter note, the resolution of every note position and duration.</summary>
    public const int PerQuarter = 480;

    /// <summary>Ticks of one sixteenth note: one step of a 16-step drum grid in 4/4.</summary>
    public const int PerSixteenth = PerQuarter / 4;

    /// <summary>Seconds that <paramref name="ticks"/> last at <paramref name="bpm"/> quarter notes per minute.</summary>
    public static double ToSeconds(long ticks, double bpm) => ticks * 60.0 / (bpm * PerQuarter);

    /// <summary>Rescales a tick count from another resolution to 480 per quarter, rounding to the nearest tick.</summary>
    public static long FromResolution(long ticks, int ticksPerQuarter) =>
        ticksPerQuarter == PerQuarter ? ticks : (long)Math.Round(ticks * (double)PerQuarter / ticksPerQuarter, MidpointRounding.AwayFromZero);
}
