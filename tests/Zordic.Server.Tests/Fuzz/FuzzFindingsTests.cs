using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Zordic.Server.Tests.Fuzz.Harness;

namespace Zordic.Server.Tests.Fuzz;

/// <summary>
/// What the fuzzing found, each reduced to its payload (<see cref="KnownFindings"/> names them, so that the
/// fuzz tests stay green while they wait for a fix in src/). Skipped ones fail until the server is fixed;
/// remove the Skip and the entry in KnownFindings together.
/// </summary>
public sealed class FuzzFindingsTests
{
    [Fact(Skip = "server bug (lead: src/Zordic.Server/Api/ProjectEndpoints.cs CreateAsync): POST /api/projects {\"name\":\"x\",\"bpm\":1e309} answers 500 internal_error and logs "
        + "ArgumentException '.NET number values such as positive and negative infinity cannot be written as valid JSON': 1e309 reads as double +∞, which "
        + "ProjectCatalog.CreateAsync serializes into the bpm op. Expected 400 out_of_range/invalid_value.")]
    public async Task Creating_a_project_with_a_tempo_beyond_double_range_is_refused_with_a_code()
    {
        await using var studio = await StudioHost.StartAsync();
        foreach (var bpm in new[] { "1e309", "-1e309" })
        {
            var response = await studio.Client.PostAsync("/api/projects", new StringContent($"{{\"name\":\"x\",\"bpm\":{bpm}}}", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString(), new[] { "invalid_value", "out_of_range" });
        }
        Assert.Empty(studio.Log.Entries);
    }

    [Fact(Skip = "server bug (lead: src/Zordic.Collab/Operations/PropertySchema.cs Describe, called from TryParseObject inside ProjectCatalog.Validate): "
        + "POST /api/projects/{id}/ops [{\"type\":\"insert\",\"path\":[\"tracks\",\"t\",\"clips\",\"n\"],\"value\":\"\\ud800\"}] (an inserted value that is a string "
        + "holding a lone surrogate escape) throws InvalidOperationException ('Cannot read incomplete UTF-16 JSON text') from JsonElement.GetString in Describe: 500 "
        + "internal_error, and the batch's ReplicaJournal is never closed, so every later edit of the project fails with 500 'a batch is already open on this replica' "
        + "until the server restarts. Expected: 200 with that op rejected invalid_value, and the project still editable.")]
    public async Task An_inserted_value_with_a_lone_surrogate_is_refused_and_the_project_keeps_taking_edits()
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Surrogate" })).GetProperty("id").GetString()!;
        await studio.PostOpsAsync(id, """[{"type":"insert","path":["tracks","t"],"value":{"kind":"keys","order":"V"}}]""");

        var response = await studio.Client.PostAsync($"/api/projects/{id}/ops",
            new StringContent("""[{"type":"insert","path":["tracks","t","clips","n"],"value":"\ud800"}]""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0];
        Assert.Equal("invalid_value", result.GetProperty("code").GetString());
        var bpm = await studio.PostOpsAsync(id, """[{"type":"update","path":["bpm"],"value":99}]""");
        Assert.Equal("applied", bpm.GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Empty(studio.Log.Entries);
    }

    [Fact(Skip = "server bug, same cause as the REST one above, over the hub: a client that writes its own JSON (a browser's JSON.stringify keeps a lone "
        + "surrogate as \\ud800; the .NET client cannot send one) invokes op:execute with {\"op_id\":\"x1\",\"user_id\":\"m\",\"session_id\":\"tab-m\",\"type\":\"insert\","
        + "\"path\":[\"tracks\",\"t\",\"clips\",\"n\"],\"value\":\"\\ud800\",\"version_vector\":{\"tab-m\":1},\"timestamp\":1}: answered internal_error, and from then on "
        + "every edit of the project, REST or hub, fails ('a batch is already open on this replica') until the server restarts.")]
    public async Task Over_the_hub_an_inserted_value_with_a_lone_surrogate_is_refused_and_the_project_keeps_taking_edits()
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Surrogate" })).GetProperty("id").GetString()!;
        await studio.PostOpsAsync(id, """[{"type":"insert","path":["tracks","t"],"value":{"kind":"keys","order":"V"}}]""");
        var server = (Microsoft.AspNetCore.TestHost.TestServer)studio.Services.GetService(typeof(Microsoft.AspNetCore.Hosting.Server.IServer))!;
        using var socket = await server.CreateWebSocketClient().ConnectAsync(new Uri(server.BaseAddress, "/hubs/studio"), default);
        var records = new List<string>();
        async Task SendAsync(string text) => await socket.SendAsync(Encoding.UTF8.GetBytes(text + "\u001e"), System.Net.WebSockets.WebSocketMessageType.Text, true, default);
        async Task<string> ReceiveUntilAsync(string needle)
        {
            var buffer = new byte[1 << 20];
            while (!records.Any(r => r.Contains(needle, StringComparison.Ordinal)))
            {
                var read = await socket.ReceiveAsync(buffer, default).WaitAsync(TimeSpan.FromSeconds(15));
                records.AddRange(Encoding.UTF8.GetString(buffer, 0, read.Count).Split('\u001e', StringSplitOptions.RemoveEmptyEntries));
            }
            return records.First(r => r.Contains(needle, StringComparison.Ordinal));
        }
        await SendAsync("""{"protocol":"json","version":1}""");
        await SendAsync($$"""{"type":1,"invocationId":"1","target":"session:join","arguments":[{"project_id":"{{id}}","user_id":"m"}]}""");
        await ReceiveUntilAsync("\"invocationId\":\"1\"");

        await SendAsync("""{"type":1,"invocationId":"2","target":"op:execute","arguments":[{"op_id":"x1","user_id":"m","session_id":"tab-m","type":"insert","path":["tracks","t","clips","n"],"value":"\ud800","version_vector":{"tab-m":1},"timestamp":1}]}""");
        var answer = JsonDocument.Parse(await ReceiveUntilAsync("\"invocationId\":\"2\"")).RootElement.GetProperty("result");

        Assert.Equal("rejected", answer.GetProperty("code").GetString());
        var bpm = await studio.PostOpsAsync(id, """[{"type":"update","path":["bpm"],"value":99}]""");
        Assert.Equal("applied", bpm.GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Empty(studio.Log.Entries);
    }

    [Fact(Skip = "server bug (lead: src/Zordic.Server/Api/ProjectEndpoints.cs TryReadKey): POST /api/projects {\"name\":\"x\",\"key\":\"\\udfff\\ud800\"} answers 500 "
        + "internal_error: JsonElement.GetString throws InvalidOperationException on a string with unpaired surrogates, which nothing maps to a code "
        + "(RequestBody catches JsonException only). Expected 400 invalid_value. The same GetString on client text is what breaks a project through POST /ops.")]
    public async Task Creating_a_project_with_a_key_of_unpaired_surrogates_is_refused_with_a_code()
    {
        await using var studio = await StudioHost.StartAsync();

        var response = await studio.Client.PostAsync("/api/projects", new StringContent("""{"name":"x","key":"\udfff\ud800"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_value", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Empty(studio.Log.Entries);
    }

    [Fact(Skip = "server limit (lead: decide; src/Zordic.Server/StudioApp.cs AddJsonProtocol): a hub payload nested 63 or more levels deep (e.g. awareness:cursor with "
        + "[[[…]]] 63 deep) makes SignalR's JSON protocol reader (MaxDepth 64, counting the invocation's own two levels) fail to parse the message, and the server "
        + "closes the connection ('Connection closed with an error') instead of answering a HubResult. Only the sender's own connection is hurt; 62 deep gets not_joined. "
        + "Either answer it (a protocol that reads deeper, then the method's malformed) or document it beside the 4 MiB limit in docs/hub.md.")]
    public async Task A_deeply_nested_hub_payload_gets_a_result_and_the_connection_stays()
    {
        await using var studio = await StudioHost.StartAsync();
        await using var connection = studio.HubConnection();
        await connection.StartAsync();
        var payload = JsonDocument.Parse(new string('[', 63) + new string(']', 63), new JsonDocumentOptions { MaxDepth = 100 }).RootElement;

        var result = await connection.InvokeAsync<JsonElement>("awareness:cursor", payload);

        Assert.Equal("not_joined", result.GetProperty("code").GetString());
        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    [Theory(Skip = "server gap (lead: decide; docs/hub.md says no call ends in SignalR's generic error): a call SignalR cannot bind to a hub method, with no "
        + "argument or two (e.g. awareness:cursor with none) or a method the hub does not have (e.g. no:such), is answered by SignalR's dispatcher before any "
        + "hub filter runs: HubException 'Failed to invoke 'awareness:cursor' due to an error on the server.' (the connection stays). Either accept that and say so "
        + "in docs/hub.md, or answer it with a code (e.g. a hub protocol wrapper that turns binding failures into a malformed HubResult).")]
    [InlineData("awareness:cursor", 0)]
    [InlineData("awareness:cursor", 2)]
    [InlineData("no:such", 1)]
    public async Task A_call_signalr_cannot_bind_gets_a_result_with_a_code(string method, int arguments)
    {
        await using var studio = await StudioHost.StartAsync();
        await using var connection = studio.HubConnection();
        await connection.StartAsync();
        var payload = JsonDocument.Parse("{}").RootElement;

        var result = await connection.InvokeCoreAsync<JsonElement>(method, Enumerable.Repeat<object?>(payload, arguments).ToArray());

        Assert.False(result.GetProperty("ok").GetBoolean());
        Assert.Equal("malformed", result.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_hub_payload_nested_62_deep_is_answered_and_the_connection_stays()
    {
        await using var studio = await StudioHost.StartAsync();
        await using var connection = studio.HubConnection();
        await connection.StartAsync();
        var payload = JsonDocument.Parse(new string('[', 62) + new string(']', 62), new JsonDocumentOptions { MaxDepth = 100 }).RootElement;

        var result = await connection.InvokeAsync<JsonElement>("awareness:cursor", payload);

        Assert.Equal("not_joined", result.GetProperty("code").GetString());
        Assert.Equal(HubConnectionState.Connected, connection.State);
        Assert.Equal(62, KnownFindings.NestingDepth(payload.GetRawText()));
    }
}
