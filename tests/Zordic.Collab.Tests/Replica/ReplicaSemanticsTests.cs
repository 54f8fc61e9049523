using Zordic.Collab.Operations;
using Zordic.Collab.Replica;
using static Zordic.Collab.Tests.Studio;

namespace Zordic.Collab.Tests.Replica;

public sealed class ReplicaSemanticsTests
{
    [Fact]
    public void An_op_that_saw_another_wins_over_it_even_with_an_earlier_timestamp()
    {
        var s = new Studio();
        var first = s.Alice.Update(["bpm"], JsonOf(90));
        s.Bob.Receive(first);
        // Bob's clock is behind Alice's, but he saw her change before making his.
        var second = s.Bob.Next(OperationType.Update, ["bpm"], JsonOf(100)) with { Timestamp = first.Timestamp - 60_000 };
        foreach (var order in new[] { new[] { first, second }, [second, first] })
        {
            var replica = Replay(s, order);
            Assert.Equal(100, replica.ToDocument().Bpm);
        }
    }

    [Fact]
    public void Concurrent_updates_with_equal_clocks_and_timestamps_resolve_the_same_way_everywhere()
    {
        var s = new Studio();
        var a = s.Alice.Next(OperationType.Update, ["bpm"], JsonOf(90)) with { Timestamp = 1000 };
        var b = s.Bob.Next(OperationType.Update, ["bpm"], JsonOf(140)) with { Timestamp = 1000 };
        Assert.Equal(a.VersionVector.Sum, b.VersionVector.Sum);
        var expected = string.CompareOrdinal(a.OpId, b.OpId) > 0 ? 90 : 140;
        Assert.Equal(expected, Replay(s, [a, b]).ToDocument().Bpm);
        Assert.Equal(expected, Replay(s, [b, a]).ToDocument().Bpm);
    }

    [Fact]
    public void A_delete_beats_a_concurrent_update_of_the_deleted_note()
    {
        var s = new Studio();
        var delete = s.Alice.Delete(NotePath);
        var update = s.Bob.Update([.. NotePath, "velocity"], JsonOf(127));
        foreach (var order in new[] { new[] { delete, update }, [update, delete] })
        {
            var clip = Replay(s, order).ToDocument().Tracks[0].Clips[0];
            Assert.Empty(clip.Notes);
        }
    }

    [Fact]
    public void Deleting_a_track_hides_its_clips_and_notes_and_restoring_it_brings_them_back()
    {
        var s = new Studio();
        var delete = s.Alice.Delete(["tracks", Track]);
        Assert.Empty(s.Alice.Replica.ToDocument().Tracks);
        s.Alice.Insert(["tracks", Track], JsonOf(new { kind = "drums", order = "V", name = "Restored" }));
        var track = Assert.Single(s.Alice.Replica.ToDocument().Tracks);
        Assert.Equal("Restored", track.Name);
        Assert.Single(Assert.Single(track.Clips).Notes);
        Assert.NotNull(delete);
    }

    [Fact]
    public void Applying_an_op_again_changes_nothing()
    {
        var s = new Studio();
        var op = s.Alice.Update([.. NotePath, "pitch"], JsonOf(38));
        var before = ReplicaSnapshot.Write(s.Alice.Replica);
        Assert.Null(s.Alice.Replica.Apply(op));
        Assert.Null(s.Alice.Replica.Apply(op));
        Assert.Equal(before, ReplicaSnapshot.Write(s.Alice.Replica));
    }

    [Fact]
    public void An_update_that_arrives_before_its_insert_still_wins_over_the_inserted_value()
    {
        var s = new Studio();
        var insert = s.Alice.Insert(["tracks", "t2"], JsonOf(new { kind = "bass", order = "k", volume = -3 }));
        s.Bob.Receive(insert);
        var update = s.Bob.Update(["tracks", "t2", "volume"], JsonOf(-12));
        var replica = new ProjectReplica("p");
        Assert.Null(replica.Apply(update));
        Assert.DoesNotContain(replica.ToDocument().Tracks, t => t.Id == "t2");
        Assert.Null(replica.Apply(insert));
        Assert.Equal(-12, replica.ToDocument().Tracks.Single(t => t.Id == "t2").Volume);
    }

    [Fact]
    public void Tracks_are_listed_by_their_order_key_and_then_by_id()
    {
        var s = new Studio();
        s.Alice.Insert(["tracks", "a-late"], JsonOf(new { kind = "bass", order = "k" }));
        s.Alice.Insert(["tracks", "b-tie"], JsonOf(new { kind = "lead", order = "k" }));
        s.Alice.Insert(["tracks", "first"], JsonOf(new { kind = "pad", order = "1" }));
        Assert.Equal(["first", Track, "a-late", "b-tie"], s.Alice.Replica.ToDocument().Tracks.Select(t => t.Id));
    }

    [Fact]
    public void The_version_vector_counts_each_sessions_latest_op()
    {
        var s = new Studio();
        s.Share(s.Bob, s.Bob.Update(["swing"], JsonOf(0.5)));
        Assert.Equal(3, s.Server.VersionVector["sa"]);
        Assert.Equal(1, s.Server.VersionVector["sb"]);
        Assert.Equal(0, s.Server.VersionVector["nobody"]);
    }

    static ProjectReplica Replay(Studio s, IEnumerable<CollaborativeOperation> ops)
    {
        var replica = ReplicaSnapshot.Read(ReplicaSnapshot.Write(s.Server));
        foreach (var op in ops) Assert.Null(replica.Apply(op));
        return replica;
    }
}
