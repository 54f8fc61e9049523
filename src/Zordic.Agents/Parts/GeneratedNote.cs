namespace Zordic.Agents.Parts;

/// <summary>A generated note: start and duration in ticks at 480 per quarter from the start of the part.</summary>
public readonly record struct GeneratedNote(int Pitch, int Start, int Duration, int Velocity)
{
    public int End => Start + Duration;
}
