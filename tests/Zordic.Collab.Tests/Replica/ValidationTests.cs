using System.Text.Json;
using Zordic.Collab.Json;
using Zordic.Collab.Operations;
using Zordic.Collab.Replica;
using static Zordic.Collab.Tests.Studio;

namespace Zordic.Collab.Tests.Replica;

public sealed class ValidationTests
{
    public static TheoryData<string, string, string, string> BadOps => new()
    {
        // type, path (JSON), value (JSON or empty), expected code
        { "update", """["tracks","t1","clips","c1","notes","n1","pitch"]""", "200", RejectionCodes.OutOfRange },
        { "update", """["tracks","t1","clips","c1","notes","n1","velocity"]""", "0", RejectionCodes.OutOfRange },
        { "update", """["bpm"]""", "5", RejectionCodes.OutOfRange },
        { "update", """["bpm"]""", "\"fast\"", RejectionCodes.InvalidValue },
        { "update", """["tracks","t1","clips","c1","notes","n1","duration_ticks"]""", "-10", RejectionCodes.OutOfRange },
        { "update", """["tracks","t1","clips","c1","notes","n1","duration_ticks"]""", "0", RejectionCodes.OutOfRange },
        { "update", """["tracks","t1","clips","c1","notes","n1","start_tick"]""", "1.5", RejectionCodes.InvalidValue },
        { "update", """["tracks","t1","pan"]""", "2", RejectionCodes.OutOfRange },
        { "update", """["tracks","t1","mute"]""", "1", RejectionCodes.InvalidValue },
        { "update", """["tracks","t1","instrument"]""", "\"kazoo\"", RejectionCodes.InvalidValue },
        { "update", """["tracks","t1","kind"]""", "\"bass\"", RejectionCodes.ImmutableProperty },
        { "update", """["key"]""", """{"tonic":"H","mode":"minor"}""", RejectionCodes.OutOfRange },
        { "update", """["time_signature"]""", """{"numerator":7,"denominator":3}""", RejectionCodes.OutOfRange },
        { "update", """["swing"]""", "", RejectionCodes.InvalidValue },
        { "update", """["tracks","t1"]""", """{"name":"x"}""", RejectionCodes.TypeMismatch },
        { "update", """["tracks","nope","volume"]""", "-3", RejectionCodes.NotFound },
        { "update", """["tracks","t1","clips","nope","notes","n1","pitch"]""", "40", RejectionCodes.NotFound },
        { "update", """["tracks",0,"notes",5]""", "1", RejectionCodes.InvalidPath },
        { "update", """["tempo"]""", "100", RejectionCodes.InvalidPath },
        { "update", """["tracks","t1","loudness"]""", "1", RejectionCodes.InvalidPath },
        { "update", """[]""", "1", RejectionCodes.InvalidPath },
        { "insert", """["bpm"]""", "120", RejectionCodes.TypeMismatch },
        { "insert", """["tracks","t1","volume"]""", "1", RejectionCodes.TypeMismatch },
        { "insert", """["tracks","t1"]""", """{"kind":"drums","order":"V"}""", RejectionCodes.AlreadyExists },
        { "insert", """["tracks","t2"]""", """{"kind":"tuba","order":"V"}""", RejectionCodes.InvalidValue },
        { "insert", """["tracks","t2"]""", """{"kind":"bass"}""", RejectionCodes.InvalidValue },
        { "insert", """["tracks","t2"]""", """{"kind":"bass","order":"V","colour":"red"}""", RejectionCodes.InvalidValue },
        { "insert", """["tracks","t2"]""", """{"kind":"bass","order":"V0"}""", RejectionCodes.InvalidValue },
        { "insert", """["tracks","t2"]""", "[1,2]", RejectionCodes.InvalidValue },
        { "insert", """["tracks","t1","clips","c1","notes","n2"]""", """{"pitch":60,"start_tick":0}""", RejectionCodes.InvalidValue },
        { "insert", """["tracks","t1","clips","c1","notes","n2"]""", """{"pitch":60,"start_tick":0,"duration_ticks":-5}""", RejectionCodes.OutOfRange },
        { "insert", """["tracks","ghost","clips","c9"]""", """{}""", RejectionCodes.NotFound },
        { "insert", """["tracks","bad id!"]""", """{"kind":"bass","order":"V"}""", RejectionCodes.InvalidPath },
        { "delete", """["bpm"]""", "", RejectionCodes.TypeMismatch },
        { "delete", """["tracks","nope"]""", "", RejectionCodes.NotFound },
        { "delete", """["tracks","t1"]""", "3", RejectionCodes.InvalidValue },
    };

    [Theory]
    [MemberData(nameof(BadOps))]
    public void A_bad_op_is_refused_with_its_reason_and_changes_nothing(string type, string path, string value, string code)
    {
        var s = new Studio();
        var before = ReplicaSnapshot.Write(s.Server);
        var json = $$"""
            {"op_id":"op-x","user_id":"mallory","session_id":"sm","type":"{{type}}","path":{{path}},
             {{(value.Length > 0 ? $"\"value\":{value}," : "")}}"version_vector":{"sm":1},"timestamp":1}
            """;
        var op = CollabJson.ParseOperation(JsonDocument.Parse(json).RootElement);
        var rejection = s.Server.Accept(op);
        Assert.NotNull(rejection);
        Assert.Equal(code, rejection.Code);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Message));
        Assert.Equal(before, ReplicaSnapshot.Write(s.Server));
    }

    [Fact]
    public void Edits_of_a_deleted_note_or_under_a_deleted_track_are_refused_by_the_server()
    {
        var s = new Studio();
        s.Share(s.Alice, s.Alice.Delete(NotePath));
        Assert.Equal(RejectionCodes.Deleted, s.Server.Accept(s.Bob.Next(OperationType.Update, [.. NotePath, "pitch"], JsonOf(40)))!.Code);
        s.Share(s.Alice, s.Alice.Delete(["tracks", Track]));
        var insert = s.Bob.Next(OperationType.Insert, ["tracks", Track, "clips", "c2"], JsonOf(new { length_bars = 1 }));
        Assert.Equal(RejectionCodes.Deleted, s.Server.Accept(insert)!.Code);
    }

    [Fact]
    public void Version_vectors_must_count_the_op_and_may_not_claim_unseen_ops()
    {
        var s = new Studio();
        var stale = s.Alice.Next(OperationType.Update, ["bpm"], JsonOf(99)) with { VersionVector = VersionVector.From([new("sa", 2)]) };
        Assert.Equal(RejectionCodes.InvalidVersionVector, s.Server.Accept(stale)!.Code);
        var missingOwn = s.Bob.Next(OperationType.Update, ["bpm"], JsonOf(99)) with { VersionVector = VersionVector.From([new("sa", 3)]) };
        Assert.Equal(RejectionCodes.InvalidVersionVector, s.Server.Accept(missingOwn)!.Code);
        var future = s.Bob.Next(OperationType.Update, ["bpm"], JsonOf(99)) with { VersionVector = VersionVector.From([new("sb", 1), new("sz", 7)]) };
        Assert.Equal(RejectionCodes.InvalidVersionVector, s.Server.Accept(future)!.Code);
    }

    [Theory]
    [InlineData("""{"user_id":"u","session_id":"s","type":"update","path":["bpm"],"value":1,"version_vector":{"s":1},"timestamp":1}""", "op_id")]
    [InlineData("""{"op_id":"o","user_id":"u","session_id":"s","type":"upsert","path":["bpm"],"value":1,"version_vector":{"s":1},"timestamp":1}""", "type")]
    [InlineData("""{"op_id":"o","user_id":"u","session_id":"s","type":"update","path":"bpm","value":1,"version_vector":{"s":1},"timestamp":1}""", "path")]
    [InlineData("""{"op_id":"o","user_id":"u","session_id":"s","type":"update","path":["bpm"],"value":1,"version_vector":{"s":-1},"timestamp":1}""", "version_vector")]
    public void Malformed_json_names_the_field_that_is_wrong(string json, string field)
    {
        var error = Assert.ThrowsAny<JsonException>(() => CollabJson.ParseOperation(JsonDocument.Parse(json).RootElement));
        Assert.Contains(field, error.Message + error.Path);
    }

    [Fact]
    public void An_operation_round_trips_through_its_json_with_the_seeds_field_names()
    {
        var s = new Studio();
        var op = s.Alice.Update([.. NotePath, "velocity"], JsonOf(90), parentOpId: "parent-1");
        var text = System.Text.Encoding.UTF8.GetString(CollabJson.Serialize(op));
        foreach (var field in new[] { "op_id", "user_id", "session_id", "\"type\":\"update\"", "path", "value", "version_vector", "timestamp", "parent_op_id" })
            Assert.Contains(field, text);
        Assert.Equal(text, System.Text.Encoding.UTF8.GetString(CollabJson.Serialize(CollabJson.ParseOperation(System.Text.Encoding.UTF8.GetBytes(text)))));
    }
}
