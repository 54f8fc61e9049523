namespace Zordic.Server.Sessions;

/// <summary>
/// Who is in each project's session and where their cursors and selections are. The in-memory
/// default serves one node; a Redis adapter (keys with the seed's 30 s time to live) lets several
/// nodes share it.
/// </summary>
public interface ISessionState
{
    ValueTask AddAsync(string projectId, Participant participant);
    /// <summary>Removes a participant with their cursor and selection; null when they were not there.</summary>
    ValueTask<Participant?> RemoveAsync(string projectId, string connectionId);
    ValueTask<IReadOnlyList<Participant>> ParticipantsAsync(string projectId);
    ValueTask SetCursorAsync(string projectId, CursorState cursor, TimeSpan timeToLive);
    ValueTask SetSelectionAsync(string projectId, SelectionState selection, TimeSpan timeToLive);
    ValueTask<IReadOnlyList<CursorState>> CursorsAsync(string projectId);
    /// <summary>Removes and returns the cursors and selections whose time to live has passed.</summary>
    ValueTask<IReadOnlyList<ExpiredAwareness>> TakeExpiredAsync(DateTimeOffset now);
}
