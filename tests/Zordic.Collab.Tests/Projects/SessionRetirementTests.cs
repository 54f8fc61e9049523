using System.Text.Json;
using Zordic.Collab.Operations;
using Zordic.Collab.Projects;
using Zordic.Collab.Replica;

namespace Zordic.Collab.Tests.Projects;

/// <summary>
/// A project edited from thousands of tabs keeps small vectors: ops are logged two entries long, and
/// the replica keeps counts for its most recently active sessions only. A session it let go of is read
/// back from the log when it edits again, so resends and stale numbers are still recognised.
/// </summary>
public sealed class SessionRetirementTests
{
    const int Live = 20;

    [Fact]
    public async Task Many_tabs_leave_the_vectors_small_and_every_edit_counted()
    {
        var store = new MemoryProjectStore();
        var catalog = new ProjectCatalog(store, quotas: new ProjectQuotas { MaxLiveSessions = Live });
        var id = (await catalog.CreateAsync("Busy", 100, null, "owner", default)).Document.Id;
        var sessions = new List<(EditingSession Session, CollaborativeOperation Last)>();
        for (var tab = 0; tab < 300; tab++)
        {
            var session = Tab(store, id, $"tab-{tab}");
            var ops = new[] { Bpm(session, 60 + tab % 100), Bpm(session, 61 + tab % 100) };
            Assert.All(await catalog.ExecuteAsync(id, ops, default), r => Assert.Equal(OperationStatus.Applied, r.Status));
            sessions.Add((session, ops[^1]));
        }

        Assert.All(store.LogOf(id), logged => Assert.True(logged.Operation.VersionVector.Count <= 2, logged.Operation.VersionVector.ToString()));
        var (live, seenTotal, snapshot) = await catalog.ReadAsync(id, (r, _) => (r.VersionVector.Count, r.SeenTotal, ReplicaSnapshot.Write(r)), default);
        Assert.InRange(live, 1, Live);
        Assert.Equal(2 + 300 * 2, seenTotal); // the name and tempo of the new project, and every tab's two edits
        using (var json = JsonDocument.Parse(snapshot)) Assert.InRange(json.RootElement.GetProperty("seen").EnumerateObject().Count(), 1, Live);

        // The first tab was let go of long ago: its resend is a duplicate, its next op follows on, a stale number is refused.
        var (first, last) = sessions[0];
        var resend = await catalog.ExecuteAsync(id, [last], default);
        Assert.Equal(OperationStatus.Duplicate, resend[0].Status);
        var stale = last with { OpId = Guid.NewGuid().ToString() };
        Assert.Equal(RejectionCodes.InvalidVersionVector, (await catalog.ExecuteAsync(id, [stale], default))[0].Rejection?.Code);
        foreach (var logged in store.LogOf(id)) first.Receive(logged.Operation); // catches up, as a reconnecting tab does
        var next = Bpm(first, 77);
        Assert.Equal(OperationStatus.Applied, (await catalog.ExecuteAsync(id, [next], default))[0].Status);
        Assert.Equal(77, (await catalog.GetAsync(id, default))!.Document.Bpm);
    }

    [Fact]
    public async Task A_whole_vector_is_logged_compact_with_the_same_clock_and_the_same_state()
    {
        var store = new MemoryProjectStore();
        var catalog = new ProjectCatalog(store);
        var id = (await catalog.CreateAsync("Old client", 100, null, "owner", default)).Document.Id;
        for (var tab = 0; tab < 5; tab++) await catalog.ExecuteAsync(id, [Bpm(Tab(store, id, $"tab-{tab}"), 90 + tab)], default);

        // An old client lists every session it has seen, as vectors did before they were compact.
        var replica = Replay(store, id);
        var whole = new EditingSession(replica, "old", "tab-old").Next(OperationType.Update, ["swing"], JsonSerializer.SerializeToElement(0.5))
            with
        { VersionVector = replica.VersionVector.With("tab-old", 1) };
        Assert.Equal(OperationStatus.Applied, (await catalog.ExecuteAsync(id, [whole], default))[0].Status);

        var logged = store.LogOf(id)[^1].Operation;
        Assert.Equal(whole.VersionVector.Sum, logged.VersionVector.Sum);
        Assert.Equal(2, logged.VersionVector.Count);
        var theirs = Replay(store, id);
        replica.Apply(whole);
        Assert.Equal(ReplicaSnapshot.Write(replica), ReplicaSnapshot.Write(theirs));
    }

    static ProjectReplica Replay(MemoryProjectStore store, string id)
    {
        var replica = new ProjectReplica(id);
        foreach (var logged in store.LogOf(id)) Assert.Null(replica.Apply(logged.Operation));
        return replica;
    }

    static EditingSession Tab(MemoryProjectStore store, string id, string session) => new(Replay(store, id), "user", session);

    static CollaborativeOperation Bpm(EditingSession session, double bpm) => session.Next(OperationType.Update, ["bpm"], JsonSerializer.SerializeToElement(bpm));
}
