using Zordic.Music.Theory;

namespace Zordic.Agents.Prompting;

/// <summary>
/// What a prompt asks for, with the genre's defaults filled in. Every agent takes one of these and a seed.
/// </summary>
/// <param name="Complexity">0 = as plain as the style allows, 1 = busy (ghost notes, fills, passing notes).</param>
/// <param name="Swing">0 = straight sixteenths, 1 = full triplet swing.</param>
/// <param name="HatRolls">Trap-style hi-hat rolls (ratchets) were asked for.</param>
/// <param name="Text">The prompt as typed, for the record.</param>
public sealed record MusicPrompt(
    Genre Genre,
    double Bpm,
    MusicalKey Key,
    Mood Mood,
    double Complexity,
    int Bars,
    double Swing,
    bool HatRolls,
    string Text)
{
    public const int DefaultBars = 4;
    public const int MaxBars = 64;
    public const double MinBpm = 40, MaxBpm = 300;

    /// <summary>A prompt for a genre with all its defaults (for callers that do not start from text).</summary>
    public static MusicPrompt ForGenre(Genre genre, int bars = DefaultBars)
    {
        var d = GenreDefaults.For(genre);
        return new MusicPrompt(genre, d.Bpm, d.Key, d.Mood, d.Complexity, bars, d.Swing, genre == Genre.Trap, genre.Name());
    }
}
