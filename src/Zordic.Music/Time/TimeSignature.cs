namespace Zordic.Music.Time;

/// <summary>A time signature such as 4/4 or 6/8.</summary>
public readonly record struct TimeSignature(int Numerator, int Denominator)
{
    public static readonly TimeSignature Common = new(4, 4);

    /// <summary>True for 1–32 beats over a power-of-two note value from 1 to 32.</summary>
    public bool IsValid => Numerator is >= 1 and <= 32 && Denominator is 1 or 2 or 4 or 8 or 16 or 32;

    /// <summary>Length of one bar in ticks at <see cref="Ticks.PerQuarter"/>.</summary>
    public long TicksPerBar => (long)Ticks.PerQuarter * 4 * Numerator / Denominator;

    public override string ToString() => $"{Numerator}/{Denominator}";
}
