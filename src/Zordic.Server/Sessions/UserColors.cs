namespace Zordic.Server.Sessions;

/// <summary>
/// A user's colour for cursors and presence: a hue from a hash of the user id (FNV-1a, stable across
/// processes and machines, unlike string.GetHashCode), at a saturation and lightness that read on the
/// studio's dark background.
/// </summary>
public static class UserColors
{
    public static string For(string userId)
    {
        var hash = 2166136261u;
        foreach (var c in userId)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        // 24 well-separated hues rather than 360 barely different ones.
        var hue = (int)(hash % 24) * 15;
        return $"hsl({hue}, 70%, 60%)";
    }
}
