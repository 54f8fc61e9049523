using CsCheck;

namespace Zordic.Server.Tests.Fuzz.Harness;

/// <summary>
/// Generators of calls to every hub method (docs/hub.md) with payloads of the right shape at and past
/// their limits, of the wrong shape, of the wrong JSON type, huge, deeply nested; now and then with no
/// argument or two.
/// </summary>
public static class HubCases
{
    static readonly Gen<string> Garbage = Gen.Frequency(
        (6, FuzzJson.Value),
        (1, FuzzJson.Nested(900)),
        (1, Gen.OneOf(100_000, 1_048_000, 1_100_000, 3_000_000).Select(n => "{\"x\":\"" + new string('x', n) + "\"}")));

    static readonly Gen<string> Join = Gen.Frequency(
        (6, Gen.Select(
            Gen.OneOf("\"%P%\"", "\"%P%\"", "\"%P%\"", "\"nope\"", "\"\"", "7", "null", "\"" + new string('p', 65) + "\""),
            Gen.OneOf("\"%U%\"", "\"%U%\"", "\"\"", "\" \"", "\"a\\u0000b\"", "\"" + new string('u', 129) + "\"", "1"),
            Gen.OneOf("", ",\"display_name\":\"Fuzz\"", ",\"display_name\":\"\"", ",\"display_name\":\"" + new string('d', 65) + "\""),
            Gen.OneOf("", "", ",\"since\":0", ",\"since\":1", ",\"since\":-1", ",\"since\":999999999", ",\"since\":9223372036854775807", ",\"since\":1.5", ",\"since\":\"3\""),
            Gen.OneOf("", "", ",\"version_vector\":{}", ",\"version_vector\":{\"api\":1}", ",\"version_vector\":{\"api\":9223372036854775807}", ",\"version_vector\":{\"%S%\":-1}", ",\"version_vector\":[]"),
            Gen.OneOf("", ",\"session_id\":\"%S%\"", ",\"session_id\":\"api\"", ",\"session_id\":\"\"", ",\"session_id\":5", ",\"include_document\":false", ",\"include_document\":\"no\""),
            (project, user, name, since, vector, extra) => "{\"project_id\":" + project + ",\"user_id\":" + user + name + since + vector + extra + "}")),
        (1, Garbage));

    static readonly Gen<string> Execute = Gen.Frequency(
        (6, FuzzOps.Whole),
        (4, FuzzOps.Batch(2_000, FuzzOps.Whole, 900).Select(batch => "{\"ops\":" + batch + "}")),
        (1, FuzzOps.Batch(2_000, FuzzOps.Whole, 900)),
        (1, FuzzOps.Bare),
        (1, Garbage));

    static readonly Gen<string> Beat = Gen.OneOf("0", "3.5", "-1", "1000000", "1000001", "1e309", "null", "\"1\"");
    static readonly Gen<string> TrackRef = Gen.OneOf("\"t\"", "\"ghost\"", "null", "\"\"", "7", "\"" + new string('t', 65) + "\"");

    static readonly Gen<string> Cursor = Gen.Frequency(
        (4, Gen.Select(TrackRef, Beat, (track, beat) => $"{{\"track\":{track},\"beat\":{beat}}}")),
        (1, Garbage));

    static readonly Gen<string> Selection = Gen.Frequency(
        (4, Gen.Select(TrackRef, Gen.Frequency(
                (4, Gen.OneOf("[]", "[\"n\"]", "[\"n\",\"n\"]", "[null]", "[1]", "\"n\"", "null", "[\"" + new string('i', 65) + "\"]")),
                (1, Gen.OneOf(5_000, 5_001).Select(n => "[" + string.Join(",", Enumerable.Range(0, n).Select(i => $"\"i{i}\"")) + "]"))),
            (track, ids) => $"{{\"track\":{track},\"ids\":{ids}}}")),
        (1, Garbage));

    static readonly Gen<string> Transport = Gen.Frequency(
        (4, Gen.Select(Gen.OneOf("0", "7.25", "-1", "1000000", "1000001", "1e309", "null", "\"0\""), Gen.OneOf("", ",\"bpm\":120", ",\"bpm\":19", ",\"bpm\":401", ",\"bpm\":\"x\""),
            Gen.OneOf("", ",\"playing\":true", ",\"playing\":false", ",\"playing\":1"),
            (position, bpm, playing) => "{\"position\":" + position + bpm + playing + "}")),
        (1, Garbage));

    static readonly Gen<string> Compose = Gen.Frequency(
        (3, Gen.Select(Gen.OneOf("\"lo-fi beat, 85 bpm, A minor\"", "\"techno 128\"", "\"\"", "\"nothing musical\"", "null", "1", "\"" + new string('p', 50_000) + "\""),
            Gen.OneOf("", ",\"seed\":3", ",\"seed\":-9223372036854775808", ",\"seed\":\"s\""),
            (prompt, seed) => "{\"prompt\":" + prompt + seed + "}")),
        (1, Garbage));

    static readonly Gen<string> Answer = Gen.Frequency(
        (4, Gen.OneOf("{\"suggestion_id\":\"%SUG%\"}", "{\"suggestion_id\":\"nope\"}", "{\"suggestion_id\":7}", "{}", "{\"suggestion_id\":\"" + new string('s', 300) + "\"}")),
        (1, Garbage));

    static Gen<HubCase> Call(string method, Gen<string> payload) => payload.Select(p => new HubCase(method, p));

    /// <summary>Every method of the hub (docs/hub.md).</summary>
    public static readonly string[] Methods =
    [
        "session:join", "session:leave", "op:execute", "op:undo", "op:redo", "awareness:cursor", "awareness:selection",
        "audio:play", "audio:stop", "audio:sync", "agent:compose", "agent:harmonize", "agent:accept", "agent:reject",
    ];

    public static readonly Gen<HubCase> Any = Gen.Frequency(
        (2, Call("session:join", Join)),
        (1, Call("session:leave", Gen.OneOf("{}", "null", "[]"))),
        (8, Call("op:execute", Execute)),
        (1, Call("op:undo", Gen.OneOf("{}", "null", "1"))),
        (1, Call("op:redo", Gen.OneOf("{}", "null", "1"))),
        (2, Call("awareness:cursor", Cursor)),
        (2, Call("awareness:selection", Selection)),
        (1, Call("audio:play", Transport)),
        (1, Call("audio:stop", Transport)),
        (1, Call("audio:sync", Transport)),
        (1, Call("agent:compose", Compose)),
        (1, Call("agent:harmonize", Gen.OneOf("{\"track_id\":\"t\"}", "{\"track_id\":\"ghost\"}", "{\"track_id\":null}", "{}", "\"t\""))),
        (1, Call("agent:accept", Answer)),
        (1, Call("agent:reject", Answer)),
        // Calls SignalR cannot bind: no argument or two, a method the hub does not have.
        (1, Gen.Select(Gen.OneOf(Methods), Gen.OneOf(0, 2), (method, arguments) => new HubCase(method, "{}", arguments))),
        (1, Gen.OneOf("no:such", "Session:Join", "op:Execute", "JoinAsync").Select(method => new HubCase(method, "{}"))));
}
