namespace Zordic.Server.Fanout;

/// <summary>What a message to a session needs when a member falls behind.</summary>
public enum Delivery
{
    /// <summary>Every one must arrive, in order (people joining and leaving, suggestions, playback).</summary>
    Ordered,
    /// <summary>Only the latest per sender and event matters (cursors, selections): later ones replace earlier.</summary>
    Latest,
}
