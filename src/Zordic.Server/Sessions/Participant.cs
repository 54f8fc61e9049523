namespace Zordic.Server.Sessions;

/// <summary>Someone in a project's session: one connection (a browser tab) of one user.</summary>
public sealed record Participant(string ConnectionId, string UserId, string DisplayName, string Color);

/// <summary>Where someone's cursor is: a track and a beat, or nowhere (both null).</summary>
public sealed record CursorState(Participant Who, string? Track, double? Beat);

/// <summary>What someone has selected: ids of notes or clips on a track.</summary>
public sealed record SelectionState(Participant Who, string? Track, IReadOnlyList<string> Ids);

/// <summary>An awareness entry that outlived its time to live: its cursor or selection is to be cleared.</summary>
public sealed record ExpiredAwareness(string ProjectId, Participant Who, bool Cursor, bool Selection);
