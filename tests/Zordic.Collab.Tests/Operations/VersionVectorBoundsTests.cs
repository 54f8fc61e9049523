using System.Text.Json;
using CsCheck;
using Zordic.Collab.Json;
using Zordic.Collab.Operations;
using Zordic.Collab.Projects;
using Zordic.Collab.Replica;
using Zordic.Collab.Tests.Projects;

namespace Zordic.Collab.Tests.Operations;

/// <summary>
/// What a version vector may claim is bounded, so that no op can push the Lamport clocks out of reach:
/// counts and sums fit a browser's number exactly, a session's number never jumps far ahead, and an op
/// claims no more of others' ops than the project has seen. Whatever hostile ops come first, an honest
/// edit afterwards takes effect.
/// </summary>
public sealed class VersionVectorBoundsTests
{
    [Theory]
    [InlineData("""{"api": 9223372036854775807}""")]
    [InlineData("""{"s": 9007199254740992}""")]
    [InlineData("""{"a": 9007199254740991, "b": 1}""")]
    [InlineData("""{"s": 1e300}""")]
    public void Counts_and_sums_past_two_to_the_53_are_refused_when_read(string vector)
    {
        var json = $$"""{"op_id":"o","user_id":"u","session_id":"s","type":"update","path":["bpm"],"value":90,"version_vector":{{vector}},"timestamp":1}""";
        var error = Assert.ThrowsAny<JsonException>(() => CollabJson.ParseOperation(System.Text.Encoding.UTF8.GetBytes(json)));
        Assert.Contains("version_vector", error.Message);
    }

    [Fact]
    public void Counts_and_sums_past_two_to_the_53_cannot_be_built()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VersionVector.From([new("a", VersionVector.MaxCount), new("b", 1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => VersionVector.From([new("a", VersionVector.MaxCount + 1)]));
        Assert.Equal(VersionVector.MaxCount, VersionVector.From([new("a", VersionVector.MaxCount - 1), new("b", 1)]).Sum);
    }

    [Fact]
    public void An_op_is_written_as_its_own_count_and_the_rest_of_its_clock()
    {
        var vector = VersionVector.Lamport("tab", 3, 40);
        Assert.Equal(3, vector["tab"]);
        Assert.Equal(37, vector[VersionVector.PastKey]);
        Assert.Equal(40, vector.Sum);
        Assert.Single(VersionVector.Lamport("tab", 5, 5));
    }

    // A hostile op: any session (server ones included), any count, any claim of the past, under the bounds the reader allows.
    static readonly Gen<CollaborativeOperation> Hostile =
        Gen.Select(Gen.Int[0, 6].Select(i => new[] { "api", "undo", "midi", "agent:beat", "evil", "tab-1", "tab-2" }[i]),
            Gen.OneOf(Gen.Long[1, 20], Gen.Long[1, VersionVector.MaxCount / 2], Gen.Const(VersionVector.MaxCount / 2)),
            Gen.OneOf(Gen.Long[0, 50], Gen.Long[0, VersionVector.MaxCount / 2]),
            Gen.Int[20, 400], Gen.Long[0, long.MaxValue / 2])
        .Select((session, own, past, bpm, timestamp) => new CollaborativeOperation
        {
            OpId = Guid.NewGuid().ToString(),
            UserId = "mallory",
            SessionId = session,
            Type = OperationType.Update,
            Path = ["bpm"],
            Value = JsonSerializer.SerializeToElement(bpm),
            VersionVector = past == 0 ? VersionVector.From([new(session, own)]) : VersionVector.From([new(session, own), new("other", past)]),
            Timestamp = timestamp,
        });

    [Fact]
    public async Task Whatever_hostile_ops_came_first_an_honest_edit_takes_effect_and_clocks_stay_bounded() =>
        await Hostile.Array[1, 40].SampleAsync(async hostile =>
        {
            var store = new MemoryProjectStore();
            var catalog = new ProjectCatalog(store);
            var id = (await catalog.CreateAsync("Target", 100, null, "owner", default)).Document.Id;
            var results = new List<OperationResult>();
            foreach (var op in hostile) results.AddRange(await catalog.ExecuteAsync(id, [op], default));
            var accepted = results.Count(r => r.Status == OperationStatus.Applied);
            Assert.DoesNotContain(results, r => r.Status == OperationStatus.Applied && ServerSessions.IsReserved(hostile.First(h => h.OpId == r.OpId).SessionId));

            var (clock, seenTotal) = await catalog.ReadAsync(id, (r, _) => (r.Clock, r.SeenTotal), default);
            Assert.True(clock <= seenTotal, $"clock {clock} above what the project has seen ({seenTotal})");
            Assert.True(seenTotal <= 2 + accepted * (ProjectReplica.MaxSequenceGap + 1), $"{seenTotal} after {accepted} accepted ops");

            // An honest client that has the log, and the server's own API session, both still edit.
            var honest = new ProjectReplica(id);
            foreach (var logged in store.LogOf(id)) Assert.Null(honest.Apply(logged.Operation));
            var tab = new EditingSession(honest, "alice", "tab-honest");
            var edit = await catalog.ExecuteAsync(id, [tab.Next(OperationType.Update, ["bpm"], JsonSerializer.SerializeToElement(123))], default);
            Assert.Equal(OperationStatus.Applied, edit[0].Status);
            Assert.Equal(123, (await catalog.GetAsync(id, default))!.Document.Bpm);
            var api = await catalog.EditAsync(id, "bob", s => [s.Next(OperationType.Update, ["bpm"], JsonSerializer.SerializeToElement(124))], default);
            Assert.Equal(OperationStatus.Applied, api[0].Status);
            Assert.Equal(124, (await catalog.GetAsync(id, default))!.Document.Bpm);
        }, iter: 200);

    [Fact]
    public async Task Clients_may_not_write_in_the_servers_own_sessions()
    {
        var catalog = new ProjectCatalog(new MemoryProjectStore());
        var id = (await catalog.CreateAsync("Target", 100, null, "owner", default)).Document.Id;
        foreach (var session in new[] { "api", "undo", "midi", "agent:melody" })
        {
            var op = new EditingSession(new ProjectReplica(id), "mallory", session).Next(OperationType.Update, ["bpm"], JsonSerializer.SerializeToElement(99));
            var result = (await catalog.ExecuteAsync(id, [op], default))[0];
            Assert.Equal(RejectionCodes.ReservedSession, result.Rejection?.Code);
        }
        Assert.Equal(100, (await catalog.GetAsync(id, default))!.Document.Bpm);
    }

    [Fact]
    public async Task A_sessions_number_may_skip_refused_ops_but_not_jump_far_ahead()
    {
        var catalog = new ProjectCatalog(new MemoryProjectStore());
        var id = (await catalog.CreateAsync("Target", 100, null, "owner", default)).Document.Id;
        var tab = new EditingSession(new ProjectReplica(id), "alice", "tab");
        var refused = tab.Next(OperationType.Update, ["bpm"], JsonSerializer.SerializeToElement(5_000)); // out of range
        Assert.Equal(RejectionCodes.OutOfRange, (await catalog.ExecuteAsync(id, [refused], default))[0].Rejection?.Code);
        var next = tab.Next(OperationType.Update, ["bpm"], JsonSerializer.SerializeToElement(95));
        Assert.Equal(OperationStatus.Applied, (await catalog.ExecuteAsync(id, [next], default))[0].Status);

        var leap = next with
        {
            OpId = Guid.NewGuid().ToString(),
            VersionVector = VersionVector.Lamport("tab", next.Sequence + ProjectReplica.MaxSequenceGap + 1, next.Sequence + ProjectReplica.MaxSequenceGap + 1),
        };
        Assert.Equal(RejectionCodes.InvalidVersionVector, (await catalog.ExecuteAsync(id, [leap], default))[0].Rejection?.Code);
    }
}
