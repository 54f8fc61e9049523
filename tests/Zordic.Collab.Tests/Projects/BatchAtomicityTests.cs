using System.Text;
using System.Text.Json;
using CsCheck;
using Zordic.Collab.Operations;
using Zordic.Collab.Projects;
using Zordic.Collab.Replica;

namespace Zordic.Collab.Tests.Projects;

/// <summary>
/// A batch is validated and applied whole, then appended, or it changes nothing: failures and
/// cancellations injected at each step of the path leave the replica and the log exactly as they were,
/// and the same batch sent again then does what it would have done.
/// </summary>
public sealed class BatchAtomicityTests
{
    static readonly Gen<EditStep> Step =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 9], Gen.Int[0, 1000], Gen.Int[0, 10_000], (u, a, p, m) => new EditStep(u, a, p, m));

    // Where a batch can fail: reading the log before it is applied (counts of sessions, resent ops), or appending it.
    static readonly string[] FaultPoints = [nameof(IProjectStore.SessionCountsAsync), nameof(IProjectStore.FindOperationsAsync), nameof(IProjectStore.AppendAsync)];

    [Fact]
    public void A_batch_that_fails_at_any_step_changes_nothing_and_applies_whole_when_sent_again() =>
        Gen.Select(Gen.Int[2, 4], Step.Array[2, 120], Gen.Int[0, 1000], Gen.Int[0, 5]).Sample((users, steps, cutPick, fault) =>
        {
            var ops = EditTrace.Play(users, steps);
            if (ops.Count < 2) return true;
            var cut = 1 + cutPick % (ops.Count - 1);
            var (earlier, batch) = (ops.Take(cut).ToList(), ops.Skip(cut).ToList());
            // A resend of a logged op in the middle of the batch: the log is read to recognise it.
            batch.Insert(cutPick % (batch.Count + 1), earlier[^1]);

            var control = new Fixture();
            control.Execute(earlier);
            var expected = control.Execute(batch);

            var faulty = new Fixture();
            faulty.Execute(earlier);
            var before = faulty.State();
            var logged = faulty.Store.LogOf(faulty.ProjectId).Count;
            var announced = faulty.Announced;
            var point = FaultPoints[fault % FaultPoints.Length];
            using var cancel = new CancellationTokenSource();
            faulty.Store.Before = (method, _) =>
            {
                if (method != point) return;
                if (fault >= 3) cancel.Cancel(); // the caller goes away at that step
                else throw new IOException("disk I/O error (injected)");
            };
            var thrown = Record.Exception(() => faulty.Execute(batch, cancel.Token));
            faulty.Store.Before = null;

            // Reading the log is skipped when every session of the batch is known: then nothing fails.
            if (thrown is not null)
            {
                Assert.True(thrown is StorageUnavailableException or OperationCanceledException, thrown.ToString());
                Assert.Equal(before, faulty.State());
                Assert.Equal(logged, faulty.Store.LogOf(faulty.ProjectId).Count);
                Assert.Equal(announced, faulty.Announced);
                var again = faulty.Execute(batch);
                Assert.Equal(Outcomes(expected), Outcomes(again));
            }
            return faulty.State() == control.State() || Fail($"after the retry:\n{faulty.State()}\ncontrol:\n{control.State()}");
        }, iter: 300);

    [Fact]
    public async Task A_new_op_that_reuses_a_logged_op_id_is_refused_and_the_rest_of_its_batch_applies()
    {
        var f = new Fixture();
        var alice = f.Session("alice", "tab-a");
        f.Execute([alice.Insert(["tracks", "t1"], JsonOf(new { kind = "drums", order = "V" }))]);
        var bob = f.Session("bob", "tab-b");
        var logged = f.Store.LogOf(f.ProjectId)[^1].Operation;
        var thief = bob.Next(OperationType.Update, ["bpm"], JsonOf(99)) with { OpId = logged.OpId };
        var honest = bob.Next(OperationType.Update, ["swing"], JsonOf(0.5));

        var results = f.Execute([thief, honest]);

        Assert.Equal(RejectionCodes.DuplicateOpId, results[0].Rejection?.Code);
        Assert.Equal(OperationStatus.Applied, results[1].Status);
        var document = (await f.Catalog.GetAsync(f.ProjectId, default))!.Document;
        Assert.NotEqual(99, document.Bpm);
        Assert.Equal(0.5, document.Swing);
    }

    [Fact]
    public void Within_a_batch_a_repeated_op_is_one_op_and_another_op_under_its_id_is_refused()
    {
        var f = new Fixture();
        var alice = f.Session("alice", "tab-a");
        var first = alice.Next(OperationType.Update, ["bpm"], JsonOf(90));
        var impostor = alice.Next(OperationType.Update, ["swing"], JsonOf(0.25)) with { OpId = first.OpId };

        var results = f.Execute([first, first, impostor]);

        Assert.Equal([OperationStatus.Applied, OperationStatus.Duplicate, OperationStatus.Rejected], results.Select(r => r.Status));
        Assert.Equal(results[0].Sequence, results[1].Sequence);
        Assert.Equal(RejectionCodes.DuplicateOpId, results[2].Rejection?.Code);
        Assert.Single(f.Store.LogOf(f.ProjectId), o => o.Operation.OpId == first.OpId);
    }

    [Fact]
    public async Task A_snapshot_that_fails_after_the_append_still_announces_the_batch_and_is_tried_again()
    {
        var f = new Fixture(snapshotEvery: 2);
        var failures = 0;
        f.Catalog.SnapshotFailed += (_, _) => failures++;
        f.Store.Before = (method, _) =>
        {
            if (method == nameof(IProjectStore.SaveSnapshotAsync)) throw new IOException("disk full (injected)");
        };
        var alice = f.Session("alice", "tab-a");
        var before = f.Announced;

        var results = f.Execute([alice.Next(OperationType.Update, ["bpm"], JsonOf(91)), alice.Next(OperationType.Update, ["bpm"], JsonOf(92))]);

        Assert.All(results, r => Assert.Equal(OperationStatus.Applied, r.Status));
        Assert.Equal(before + 1, f.Announced);
        Assert.Equal(1, failures);
        f.Store.Before = null;
        f.Execute([alice.Next(OperationType.Update, ["bpm"], JsonOf(93))]);
        Assert.NotNull(await f.Store.LoadSnapshotAsync(f.ProjectId, default));
    }

    static string Outcomes(IReadOnlyList<OperationResult> results) =>
        string.Join("\n", results.Select(r => $"{r.OpId} {r.Status} {r.Sequence} {r.Rejection?.Code}"));

    static JsonElement JsonOf<T>(T value) => JsonSerializer.SerializeToElement(value);

    static bool Fail(string message) => throw new Xunit.Sdk.XunitException(message);

    /// <summary>A catalog on a <see cref="MemoryProjectStore"/> with one project, counting announced batches.</summary>
    sealed class Fixture
    {
        public readonly MemoryProjectStore Store = new();
        public readonly ProjectCatalog Catalog;
        public readonly string ProjectId;
        public int Announced;

        public Fixture(int snapshotEvery = 1000)
        {
            Catalog = new ProjectCatalog(Store, snapshotEvery: snapshotEvery);
            Catalog.Applied += _ => Announced++;
            ProjectId = Catalog.CreateAsync("Test", null, null, "owner", default).Result.Document.Id;
            CreatedAt = Store.LogOf(ProjectId)[0].Operation.Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        string CreatedAt { get; }

        public IReadOnlyList<OperationResult> Execute(IReadOnlyList<CollaborativeOperation> ops, CancellationToken ct = default)
        {
            try
            {
                return Catalog.ExecuteAsync(ProjectId, [.. ops.Select(o => o with { OpId = o.OpId })], ct).GetAwaiter().GetResult();
            }
            catch (AggregateException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
        }

        /// <summary>
        /// The replica's whole state, stamps and tombstones included; with the project's id and its creating
        /// op (its id and time) written alike for every fixture, so that two fixtures' states compare.
        /// </summary>
        public string State()
        {
            var created = Store.LogOf(ProjectId)[0].Operation.OpId;
            return Encoding.UTF8.GetString(Catalog.ReadAsync(ProjectId, (r, _) => ReplicaSnapshot.Write(r), default).Result)
                .Replace(ProjectId, "project").Replace(created, "created").Replace(CreatedAt, "0");
        }

        /// <summary>A client session whose replica holds what the log holds now.</summary>
        public EditingSession Session(string user, string session)
        {
            var replica = new ProjectReplica(ProjectId);
            foreach (var logged in Store.LogOf(ProjectId)) Assert.Null(replica.Apply(logged.Operation));
            return new EditingSession(replica, user, session);
        }
    }
}
