namespace Zordic.Agents.Prompting;

/// <summary>How the music should feel; moves velocities, micro-timing and density.</summary>
public enum Mood { Neutral, LaidBack, Energetic, Dark, Happy, Chill, Aggressive }

public static class Moods
{
    static readonly string[] Names = ["neutral", "laid back", "energetic", "dark", "happy", "chill", "aggressive"];

    public static string Name(this Mood mood) => Names[(int)mood];
}
