using Zordic.Music.Theory;

namespace Zordic.Agents.Harmony;

/// <summary>The reference pitch the learned models count from: the major tonic of the key's signature.</summary>
public static class KeyReference
{
    /// <summary>The major tonic of a key's signature: C for A minor, C for D dorian.</summary>
    public static int MajorTonic(MusicalKey key) => key.Mode switch
    {
        Mode.Minor => ((int)key.Tonic + 3) % 12,
        Mode.Dorian => ((int)key.Tonic + 10) % 12,
        Mode.Mixolydian => ((int)key.Tonic + 5) % 12,
        Mode.Phrygian => ((int)key.Tonic + 8) % 12,
        Mode.Lydian => ((int)key.Tonic + 7) % 12,
        Mode.Locrian => ((int)key.Tonic + 1) % 12,
        _ => (int)key.Tonic,
    };
}
