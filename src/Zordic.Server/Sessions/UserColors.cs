namespace Zordic.Server.Sessions;

/// <summary>
/// A user's colour for cursors and presence. Each user has a home colour from a hash of the user id
/// (FNV-1a, stable across processes and machines, unlike string.GetHashCode) in a palette of twelve
/// hues chosen to be told apart on the studio's dark background. When the home colour is already worn
/// by someone else in the session, the user takes the next free one, so two people in one session
/// never look alike; a user keeps one colour on all their connections to the session.
/// </summary>
public static class UserColors
{
    static readonly string[] Palette =
    [
        "hsl(4, 80%, 62%)", "hsl(28, 90%, 58%)", "hsl(50, 90%, 55%)", "hsl(88, 60%, 52%)",
        "hsl(140, 60%, 50%)", "hsl(172, 65%, 48%)", "hsl(196, 85%, 58%)", "hsl(222, 85%, 66%)",
        "hsl(256, 75%, 70%)", "hsl(284, 70%, 66%)", "hsl(314, 70%, 64%)", "hsl(340, 80%, 66%)",
    ];

    /// <summary>The user's home colour.</summary>
    public static string For(string userId) => Palette[Home(userId)];

    /// <summary>The user's colour in a session where <paramref name="participants"/> already are.</summary>
    public static string For(string userId, IEnumerable<Participant> participants)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in participants)
        {
            if (p.UserId == userId) return p.Color; // the same person on another tab
            taken.Add(p.Color);
        }
        var home = Home(userId);
        for (var step = 0; step < Palette.Length; step++)
        {
            var colour = Palette[(home + step * 5) % Palette.Length]; // 5 and 12 are coprime: every slot, far apart first
            if (!taken.Contains(colour)) return colour;
        }
        return Palette[home];
    }

    static int Home(string userId)
    {
        var hash = 2166136261u;
        foreach (var c in userId)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return (int)(hash % (uint)Palette.Length);
    }
}
