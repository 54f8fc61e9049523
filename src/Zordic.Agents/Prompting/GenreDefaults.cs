using Zordic.Music.Theory;

namespace Zordic.Agents.Prompting;

/// <summary>What a genre implies when the prompt does not say: tempo, key, swing, feel.</summary>
/// <param name="MinBpm">Slowest tempo the genre is played at; a prompt's bpm outside the range is kept (the user knows best).</param>
/// <param name="StartsOnDownbeat">True when the drums play on the first downbeat (almost everything; not a pickup fill).</param>
public sealed record GenreDefaults(Genre Genre, double Bpm, double MinBpm, double MaxBpm, MusicalKey Key, double Swing, Mood Mood, double Complexity, bool StartsOnDownbeat)
{
    static readonly GenreDefaults[] Table =
    [
        new(Genre.Rock, 110, 80, 160, K(PitchClass.E, Mode.Minor), 0, Mood.Energetic, 0.4, true),
        new(Genre.Funk, 100, 85, 120, K(PitchClass.E, Mode.Dorian), 0.05, Mood.Energetic, 0.6, true),
        new(Genre.Jazz, 130, 80, 240, K(PitchClass.F, Mode.Major), 0.6, Mood.LaidBack, 0.6, true),
        new(Genre.Latin, 105, 85, 130, K(PitchClass.A, Mode.Minor), 0, Mood.Energetic, 0.6, true),
        new(Genre.HipHop, 90, 80, 100, K(PitchClass.C, Mode.Minor), 0.15, Mood.LaidBack, 0.4, true),
        new(Genre.Afrobeat, 105, 95, 120, K(PitchClass.G, Mode.Minor), 0.05, Mood.Energetic, 0.6, true),
        new(Genre.Pop, 110, 90, 130, K(PitchClass.C, Mode.Major), 0, Mood.Happy, 0.4, true),
        new(Genre.Punk, 170, 140, 200, K(PitchClass.E, Mode.Major), 0, Mood.Aggressive, 0.4, true),
        new(Genre.Soul, 95, 70, 115, K(PitchClass.A, Mode.Minor), 0.1, Mood.LaidBack, 0.5, true),
        new(Genre.Reggae, 75, 60, 90, K(PitchClass.G, Mode.Major), 0.1, Mood.LaidBack, 0.4, true),
        new(Genre.Disco, 120, 110, 130, K(PitchClass.A, Mode.Minor), 0, Mood.Happy, 0.5, true),
        new(Genre.Blues, 85, 60, 120, K(PitchClass.A, Mode.Major), 0.6, Mood.LaidBack, 0.4, true),
        new(Genre.Country, 110, 90, 140, K(PitchClass.G, Mode.Major), 0.1, Mood.Happy, 0.4, true),
        new(Genre.NewOrleans, 95, 80, 120, K(PitchClass.F, Mode.Major), 0.3, Mood.Happy, 0.6, true),
        new(Genre.LoFi, 82, 70, 95, K(PitchClass.A, Mode.Minor), 0.25, Mood.LaidBack, 0.3, true),
        new(Genre.House, 124, 118, 130, K(PitchClass.A, Mode.Minor), 0, Mood.Energetic, 0.4, true),
        new(Genre.Techno, 130, 122, 145, K(PitchClass.F, Mode.Minor), 0, Mood.Dark, 0.4, true),
        new(Genre.Trap, 140, 130, 160, K(PitchClass.C, Mode.Minor), 0, Mood.Dark, 0.5, true),
        new(Genre.DrumAndBass, 174, 160, 180, K(PitchClass.F, Mode.Minor), 0, Mood.Energetic, 0.5, true),
        new(Genre.Reggaeton, 95, 88, 100, K(PitchClass.A, Mode.Minor), 0, Mood.Energetic, 0.4, true),
    ];

    static MusicalKey K(PitchClass tonic, Mode mode) => new(tonic, mode);

    public static GenreDefaults For(Genre genre) => Table[(int)genre];
}
