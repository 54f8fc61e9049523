namespace Zordic.Music.Document;

/// <summary>What a track plays; decides its default instrument and how the studio edits it.</summary>
public enum TrackKind { Drums, Bass, Lead, Chords, Pad, Keys, Fx }

public static class TrackKinds
{
    static readonly string[] Names = ["drums", "bass", "lead", "chords", "pad", "keys", "fx"];

    public static IReadOnlyList<string> All => Names;

    /// <summary>The lower-case name used in JSON ("drums").</summary>
    public static string Name(this TrackKind kind) => Names[(int)kind];

    public static bool TryParse(ReadOnlySpan<char> text, out TrackKind kind)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (text.SequenceEqual(Names[i])) { kind = (TrackKind)i; return true; }
        }
        kind = default;
        return false;
    }
}
