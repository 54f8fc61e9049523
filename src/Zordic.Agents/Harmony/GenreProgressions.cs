using Zordic.Agents.Prompting;

namespace Zordic.Agents.Harmony;

/// <summary>
/// The progressions each genre leans on, as scale degrees of the key (0 = tonic), one chord per bar,
/// with how far chords are extended (3 triads, 4 sevenths, 5 ninths) and how they are played.
/// </summary>
public sealed record GenreProgressions(Genre Genre, IReadOnlyList<int[]> Major, IReadOnlyList<int[]> Minor, int Extension, ChordRhythm Rhythm)
{
    public static GenreProgressions For(Genre genre) => genre switch
    {
        // Lo-fi: ii–V–I–vi and friends, all sevenths and ninths.
        Genre.LoFi => new(genre, [[1, 4, 0, 5], [3, 2, 1, 0], [0, 5, 1, 4], [3, 4, 2, 5]], [[0, 3, 6, 2], [3, 4, 0, 0], [5, 3, 0, 4], [0, 5, 3, 6]], 5, ChordRhythm.Sustained),
        // Trap: dark minor loops.
        Genre.Trap => new(genre, [[5, 3, 0, 4], [0, 5, 3, 4]], [[0, 5, 2, 6], [0, 0, 5, 4], [0, 3, 5, 4], [0, 5, 3, 4], [0, 6, 5, 6]], 3, ChordRhythm.Sustained),
        // House: piano chords, minor-seventh vamps and the pop four.
        Genre.House => new(genre, [[0, 4, 5, 3], [5, 3, 0, 4], [1, 4, 0, 5]], [[0, 3, 0, 3], [0, 6, 5, 6], [0, 5, 6, 0], [0, 3, 6, 2]], 4, ChordRhythm.OffbeatStabs),
        Genre.Techno => new(genre, [[0, 0, 5, 5]], [[0, 0, 0, 0], [0, 0, 5, 5], [0, 0, 6, 6]], 4, ChordRhythm.Stabs),
        Genre.DrumAndBass => new(genre, [[0, 5, 3, 4], [5, 3, 0, 4]], [[0, 5, 2, 6], [0, 5, 3, 4], [0, 3, 6, 2]], 4, ChordRhythm.Sustained),
        Genre.Reggaeton => new(genre, [[5, 3, 0, 4], [0, 4, 5, 3]], [[0, 5, 2, 6], [0, 3, 5, 4], [0, 5, 3, 4]], 3, ChordRhythm.Pulse),
        Genre.Jazz => new(genre, [[1, 4, 0, 0], [0, 5, 1, 4], [2, 5, 1, 4]], [[1, 4, 0, 0], [0, 5, 1, 4]], 4, ChordRhythm.Charleston),
        Genre.Funk => new(genre, [[0, 3, 0, 3], [0, 0, 3, 4]], [[0, 3, 0, 3], [0, 0, 3, 3], [0, 6, 0, 6]], 4, ChordRhythm.Stabs),
        Genre.Soul => new(genre, [[0, 5, 1, 4], [3, 4, 2, 5]], [[0, 3, 6, 2], [5, 3, 0, 4]], 4, ChordRhythm.Sustained),
        Genre.HipHop => new(genre, [[0, 5, 3, 4], [1, 4, 0, 5]], [[0, 5, 3, 4], [0, 3, 6, 2], [0, 6, 5, 4]], 4, ChordRhythm.Sustained),
        Genre.Blues => new(genre, [[0, 3, 0, 4], [0, 3, 4, 0]], [[0, 3, 0, 4]], 4, ChordRhythm.Charleston),
        Genre.Reggae => new(genre, [[0, 3, 0, 4], [0, 4, 3, 4]], [[0, 3, 0, 6]], 3, ChordRhythm.Skank),
        Genre.Afrobeat => new(genre, [[0, 3, 0, 3], [0, 4, 3, 4]], [[0, 3, 0, 3], [0, 6, 3, 0]], 4, ChordRhythm.Stabs),
        Genre.Rock or Genre.Punk => new(genre, [[0, 4, 5, 3], [0, 3, 4, 3], [0, 5, 3, 4]], [[0, 5, 6, 0], [0, 6, 5, 6], [0, 3, 6, 0]], 3, ChordRhythm.Eighths),
        Genre.Disco => new(genre, [[1, 4, 0, 5], [0, 4, 5, 3]], [[0, 3, 0, 3], [0, 6, 5, 6]], 4, ChordRhythm.OffbeatStabs),
        Genre.Latin => new(genre, [[0, 3, 4, 0], [1, 4, 0, 5]], [[0, 3, 4, 0], [3, 4, 0, 0]], 4, ChordRhythm.Charleston),
        _ => new(genre, [[0, 4, 5, 3], [5, 3, 0, 4], [0, 5, 3, 4], [0, 3, 4, 0]], [[0, 5, 6, 0], [0, 3, 4, 0], [0, 5, 2, 6]], 3, ChordRhythm.Halves),
    };
}

/// <summary>How a chord part plays its chords within a bar.</summary>
public enum ChordRhythm { Sustained, Halves, OffbeatStabs, Stabs, Pulse, Charleston, Skank, Eighths }
