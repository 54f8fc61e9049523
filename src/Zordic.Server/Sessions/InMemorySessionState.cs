namespace Zordic.Server.Sessions;

/// <summary>Session state in this process: participants, and cursors and selections that expire.</summary>
public sealed class InMemorySessionState(TimeProvider clock) : ISessionState
{
    readonly object _lock = new();
    readonly Dictionary<string, Room> _rooms = new(StringComparer.Ordinal);

    sealed class Room
    {
        public readonly Dictionary<string, Participant> Participants = new(StringComparer.Ordinal);
        public readonly Dictionary<string, (CursorState State, DateTimeOffset Expires)> Cursors = new(StringComparer.Ordinal);
        public readonly Dictionary<string, (SelectionState State, DateTimeOffset Expires)> Selections = new(StringComparer.Ordinal);
    }

    Room RoomOf(string projectId)
    {
        if (!_rooms.TryGetValue(projectId, out var room)) _rooms[projectId] = room = new Room();
        return room;
    }

    public ValueTask AddAsync(string projectId, Participant participant)
    {
        lock (_lock) RoomOf(projectId).Participants[participant.ConnectionId] = participant;
        return ValueTask.CompletedTask;
    }

    public ValueTask<Participant?> RemoveAsync(string projectId, string connectionId)
    {
        lock (_lock)
        {
            if (!_rooms.TryGetValue(projectId, out var room) || !room.Participants.Remove(connectionId, out var gone)) return ValueTask.FromResult<Participant?>(null);
            room.Cursors.Remove(connectionId);
            room.Selections.Remove(connectionId);
            if (room.Participants.Count == 0) _rooms.Remove(projectId);
            return ValueTask.FromResult<Participant?>(gone);
        }
    }

    public ValueTask<IReadOnlyList<Participant>> ParticipantsAsync(string projectId)
    {
        lock (_lock)
        {
            IReadOnlyList<Participant> list = _rooms.TryGetValue(projectId, out var room) ? [.. room.Participants.Values] : [];
            return ValueTask.FromResult(list);
        }
    }

    public ValueTask SetCursorAsync(string projectId, CursorState cursor, TimeSpan timeToLive)
    {
        lock (_lock) RoomOf(projectId).Cursors[cursor.Who.ConnectionId] = (cursor, clock.GetUtcNow() + timeToLive);
        return ValueTask.CompletedTask;
    }

    public ValueTask SetSelectionAsync(string projectId, SelectionState selection, TimeSpan timeToLive)
    {
        lock (_lock) RoomOf(projectId).Selections[selection.Who.ConnectionId] = (selection, clock.GetUtcNow() + timeToLive);
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<CursorState>> CursorsAsync(string projectId)
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            IReadOnlyList<CursorState> list = _rooms.TryGetValue(projectId, out var room)
                ? [.. room.Cursors.Values.Where(c => c.Expires > now).Select(c => c.State)]
                : [];
            return ValueTask.FromResult(list);
        }
    }

    public ValueTask<IReadOnlyList<ExpiredAwareness>> TakeExpiredAsync(DateTimeOffset now)
    {
        var expired = new List<ExpiredAwareness>();
        lock (_lock)
        {
            foreach (var (projectId, room) in _rooms)
            {
                foreach (var (connection, cursor) in room.Cursors.Where(c => c.Value.Expires <= now).ToList())
                {
                    room.Cursors.Remove(connection);
                    expired.Add(new ExpiredAwareness(projectId, cursor.State.Who, Cursor: true, Selection: false));
                }
                foreach (var (connection, selection) in room.Selections.Where(s => s.Value.Expires <= now).ToList())
                {
                    room.Selections.Remove(connection);
                    expired.Add(new ExpiredAwareness(projectId, selection.State.Who, Cursor: false, Selection: true));
                }
            }
        }
        return ValueTask.FromResult<IReadOnlyList<ExpiredAwareness>>(expired);
    }
}
