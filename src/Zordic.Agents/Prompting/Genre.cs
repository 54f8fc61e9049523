namespace Zordic.Agents.Prompting;

/// <summary>The styles the agents write in. The first group is learned from the Groove MIDI Dataset; the rest are idioms.</summary>
public enum Genre
{
    Rock, Funk, Jazz, Latin, HipHop, Afrobeat, Pop, Punk, Soul, Reggae, Disco, Blues, Country, NewOrleans,
    LoFi, House, Techno, Trap, DrumAndBass, Reggaeton,
}

public static class Genres
{
    static readonly string[] Names =
    [
        "rock", "funk", "jazz", "latin", "hip-hop", "afrobeat", "pop", "punk", "soul", "reggae", "disco", "blues",
        "country", "new orleans", "lo-fi", "house", "techno", "trap", "drum and bass", "reggaeton",
    ];

    /// <summary>The name used in JSON and prompts ("drum and bass").</summary>
    public static string Name(this Genre genre) => Names[(int)genre];

    public static IReadOnlyList<Genre> All { get; } = Enum.GetValues<Genre>();
}
