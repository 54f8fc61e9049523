using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Zordic.Collab.Projects;
using Zordic.Server.Hubs;

namespace Zordic.Server.Fanout;

/// <summary>
/// Sends each project's news to the connections in its session: applied ops in log order, and the
/// messages of the session (people, awareness, suggestions, playback). A session exists while someone is
/// in it; a project nobody has joined costs nothing here. Every connection has its own sender
/// (<see cref="MemberSender"/>), so one that reads slowly neither delays the others nor makes the server
/// queue for it: it is sent what it lacks when it is ready, or let go (docs/hub.md, "Slow connections").
/// </summary>
public sealed class SessionFanout : IAsyncDisposable
{
    readonly ConcurrentDictionary<string, SessionOutbox> _sessions = new(StringComparer.Ordinal);
    readonly ProjectCatalog _catalog;
    readonly IHubContext<StudioHub> _hub;
    readonly StudioHubOptions _options;
    readonly ILogger<SessionFanout> _log;

    public SessionFanout(ProjectCatalog catalog, IHubContext<StudioHub> hub, StudioHubOptions options, ILogger<SessionFanout> log)
    {
        _catalog = catalog;
        _hub = hub;
        _options = options;
        _log = log;
        catalog.Applied += batch =>
        {
            if (_sessions.TryGetValue(batch.ProjectId, out var session)) session.Publish(batch);
        };
    }

    /// <summary>Sessions with someone in them.</summary>
    public int SessionCount => _sessions.Count;

    /// <summary>
    /// Brings a connection into a project's session. Call inside the project's gate, with the log at
    /// <paramref name="sequence"/>, so that nothing slips between its state and the ops after it.
    /// </summary>
    /// <returns>A task that completes once the connection has its state and is sent every change from then on.</returns>
    public Task Join(string projectId, HubCallerContext caller, object joined, long sequence, SessionState state)
    {
        while (true)
        {
            var session = _sessions.GetOrAdd(projectId, id => new SessionOutbox(id, sequence, _options.RecentOpsKept));
            var member = new MemberSender(session, caller, _hub, _catalog, _options, _log, sequence);
            if (!session.TryAdd(member, sequence))
            {
                // It closed as the last member left: make way for a new one.
                _sessions.TryRemove(new KeyValuePair<string, SessionOutbox>(projectId, session));
                continue;
            }
            member.Start(joined, state);
            return member.Joined;
        }
    }

    public void Leave(string projectId, string connectionId)
    {
        if (!_sessions.TryGetValue(projectId, out var session)) return;
        if (session.Remove(connectionId, out var member)) _sessions.TryRemove(new KeyValuePair<string, SessionOutbox>(projectId, session));
        member?.Stop();
    }

    /// <summary>Sends a message to everyone in the session but <paramref name="except"/>.</summary>
    public void Broadcast(string projectId, string method, object payload, Delivery delivery, string? except = null, string? latestKey = null)
    {
        if (!_sessions.TryGetValue(projectId, out var session)) return;
        foreach (var member in session.Members())
        {
            if (member.ConnectionId != except) member.Post(method, payload, delivery, latestKey);
        }
    }

    /// <summary>Sends a message to one connection of the session.</summary>
    public void SendTo(string projectId, string connectionId, string method, object payload, Delivery delivery, string? latestKey = null)
    {
        if (_sessions.TryGetValue(projectId, out var session)) session.Find(connectionId)?.Post(method, payload, delivery, latestKey);
    }

    public ValueTask DisposeAsync()
    {
        foreach (var session in _sessions.Values)
        {
            foreach (var member in session.Members()) member.Stop();
        }
        _sessions.Clear();
        return ValueTask.CompletedTask;
    }
}
