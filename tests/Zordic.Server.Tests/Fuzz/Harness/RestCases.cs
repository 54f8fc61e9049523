using CsCheck;
using Zordic.Server.Api;

namespace Zordic.Server.Tests.Fuzz.Harness;

/// <summary>
/// Generators of requests to every endpoint of the REST API (README, "The API"), on the fuzz project
/// (<c>%P%</c>) and on ids that name nothing: projects, the op log's both directions, MIDI in and out, the
/// agents, the visual effect; and paths, methods and bodies nothing expects.
/// </summary>
public static class RestCases
{
    static readonly Gen<string> ProjectId = Gen.Frequency(
        (8, Gen.Const("%P%")),
        (1, Gen.OneOf("nope", "0193a1b2-0000-7000-8000-000000000000", "%2e%2e", "%20", new string('p', 300), "%F0%9F%8E%B9", "..", "x.mid")));

    static readonly Gen<string> JsonBody = Gen.Frequency((10, FuzzJson.Value), (1, FuzzJson.Deep), (2, FuzzJson.Malformed));

    static readonly Gen<string> CreateBody = Gen.Frequency(
        (6, Gen.Select(
            Gen.Frequency((4, FuzzJson.String), (1, FuzzJson.Value), (1, Gen.Const("null"))),
            Gen.Frequency((3, Gen.Const("")), (3, Gen.OneOf("19.9", "20", "85", "400", "400.5", "-1", "1e309", "\"85\"", "null"))),
            Gen.Frequency((3, Gen.Const("")), (3, Gen.OneOf("\"A minor\"", "\"F#m\"", "\"Bb\"", "\"H major\"", "\"\"", "{\"tonic\":\"A\",\"mode\":\"minor\"}", "{\"tonic\":\"A\"}", "7", "null")), (1, FuzzJson.String)),
            (name, bpm, key) => "{\"name\":" + name + (bpm.Length > 0 ? ",\"bpm\":" + bpm : "") + (key.Length > 0 ? ",\"key\":" + key : "") + "}")),
        (2, JsonBody));

    static readonly Gen<string> OpsBody = Gen.Frequency(
        (6, FuzzOps.Batch(OperationEndpoints.MaxBatch, FuzzOps.Whole)),
        (4, FuzzOps.Batch(OperationEndpoints.MaxBatch, FuzzOps.Bare)),
        (1, Gen.Select(FuzzOps.Whole, FuzzOps.Bare, (whole, bare) => "[" + whole + "," + bare + "]")),
        (1, Gen.Select(FuzzOps.Whole, Gen.Int[2, 4], (op, n) => "[" + string.Join(",", Enumerable.Repeat(op.Replace("%ID%", "fz-same", StringComparison.Ordinal), n)) + "]")),
        (1, JsonBody));

    static readonly Gen<string> Query = Gen.Select(
        Gen.Frequency((4, Gen.Const("")), (3, Gen.OneOf("0", "1", "-1", "5", "999999999", "9223372036854775807", "9223372036854775808", "abc", "1.5", ""))),
        Gen.Frequency((4, Gen.Const("")), (2, Gen.OneOf("{}", "{\"api\":1}", "{\"%S%\":3}", "{\"api\":-1}", "{\"api\":9223372036854775807}", "{\"api\":9007199254740992}", "[1]", "null", "{", "{\"a\":\"b\"}")), (1, FuzzJson.Value)),
        Gen.Frequency((4, Gen.Const("")), (2, Gen.OneOf("0", "1", "50000", "50001", "-5", "x", "2147483648"))),
        (since, vector, limit) =>
        {
            var parts = new List<string>();
            if (since.Length > 0) parts.Add("since=" + since);
            if (vector.Length > 0) parts.Add("version_vector=" + Uri.EscapeDataString(vector));
            if (limit.Length > 0) parts.Add("limit=" + limit);
            return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
        });

    static readonly Gen<string> ComposeBody = Gen.Frequency(
        (3, Gen.Select(Gen.OneOf("\"lo-fi beat, 85 bpm, A minor\"", "\"boom bap 90\"", "\"jazz in F\"", "\"\"", "\"zzz\"", "null", "42", "\"" + new string('p', 20_000) + "\""),
            Gen.OneOf("", ",\"seed\":1", ",\"seed\":-1", ",\"seed\":9223372036854775807", ",\"seed\":\"x\"", ",\"seed\":1.5"),
            (prompt, seed) => "{\"prompt\":" + prompt + seed + "}")),
        (1, JsonBody));

    static readonly Gen<string> VisualBody = Gen.Frequency(
        (3, Gen.Select(Gen.OneOf("\"kick\"", "\"\"", "\"" + new string('i', 65) + "\"", "1", "null"), Gen.OneOf("-1", "0", "127", "128", "\"loud\"", "null"),
            Gen.OneOf("0", "20", "20000", "99999", "100000", "-1", "1e309", "null"), Gen.OneOf("", ",\"duration\":0.25", ",\"duration\":601", ",\"duration\":-1"),
            (instrument, velocity, frequency, duration) => $"{{\"instrument\":{instrument},\"velocity\":{velocity},\"frequency\":{frequency}{duration}}}")),
        (1, JsonBody));

    static readonly Gen<string> UserHeader = Gen.Frequency(
        (10, Gen.Const("")),
        (1, Gen.OneOf("ana", " ", "api", "agent:beat", "%C3%A9", new string('u', 5000))));

    static Gen<RestCase> Post(Gen<string> path, Gen<string> body) =>
        Gen.Select(path, body, UserHeader, Gen.Int[0, 29], (p, b, user, ct) =>
            new RestCase("POST", p, b, ContentType: ct switch { 0 => "text/plain", 1 => "application/json; charset=utf-16", 2 => "application/xml", _ => "application/json" }, UserHeader: user.Length == 0 ? null : user));

    static Gen<RestCase> Get(Gen<string> path) => path.Select(p => new RestCase("GET", p, null));

    public static readonly Gen<RestCase> Any = Gen.Frequency(
        (6, Post(ProjectId.Select(p => $"/api/projects/{p}/ops"), OpsBody)),
        (2, Get(Gen.Select(ProjectId, Query, (p, q) => $"/api/projects/{p}/ops{q}"))),
        (2, Post(Gen.Const("/api/projects"), CreateBody)),
        (1, Get(Gen.OneOf("/api/projects", "/api/agents"))),
        (1, Get(ProjectId.Select(p => $"/api/projects/{p}"))),
        (1, Get(ProjectId.Select(p => $"/api/projects/{p}/midi"))),
        (1, ProjectId.Where(p => p != "%P%").Select(p => new RestCase("DELETE", $"/api/projects/{p}", null))),
        (2, Gen.Select(Gen.OneOf("/api/projects/import/midi", "/api/projects/import/midi?name=Fuzz", "/api/projects/import/midi?name=", "/api/projects/%P%/midi", "/api/projects/nope/midi"), FuzzMidi.File,
            (path, file) => new RestCase("POST", path, null, file, "audio/midi"))),
        (1, Post(ProjectId.Select(p => $"/api/projects/{p}/agents/compose"), ComposeBody)),
        (1, Post(ProjectId.Select(p => $"/api/projects/{p}/agents/harmonize"), Gen.OneOf("{\"track_id\":\"t\"}", "{\"track_id\":\"ghost\"}", "{\"track_id\":7}", "{}", "[]", "{\"track_id\":\"" + new string('t', 5000) + "\"}"))),
        (1, Gen.Select(ProjectId, Gen.OneOf("%SUG%", "nope", "%20", new string('s', 300)), Gen.Bool,
            (p, s, accept) => new RestCase("POST", $"/api/projects/{p}/agents/suggestions/{s}/{(accept ? "accept" : "reject")}", null))),
        (1, Post(Gen.Const("/api/visual/effect"), VisualBody)),
        (1, Gen.Select(Gen.OneOf("GET", "PUT", "PATCH", "DELETE", "POST", "OPTIONS", "HEAD"),
            Gen.OneOf("/api/nope", "/api/projects/%P%/ops/1", "/api/projects/%P%/tracks", "/api/", "/api/projects/%P%/agents", "/hubs/studio", "/api/projects/%P%/ops?since=1&since=2",
                "/api/" + new string('x', 6000), "/api/visual/effect", "/api/projects/import/midi"),
            JsonBody, (method, path, body) => new RestCase(method, path, method is "GET" or "HEAD" or "OPTIONS" ? null : body))),
        (1, Gen.Int[0, 39].Select(n => n == 0
            ? new RestCase("POST", "/api/projects/%P%/ops", "[" + new string(' ', 16 * 1024 * 1024) + "]")
            : new RestCase("POST", "/api/projects/%P%/ops", "[" + string.Join(",", Enumerable.Repeat("{\"type\":\"update\",\"path\":[\"name\"],\"value\":\"" + new string('n', 200) + "\"}", 200 * n)) + "]"))));
}
