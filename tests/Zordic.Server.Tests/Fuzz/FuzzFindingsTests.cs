using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Zordic.Server.Tests.Fuzz.Harness;

namespace Zordic.Server.Tests.Fuzz;

/// <summary>
/// What the fuzzing found, each reduced to its payload and kept as a regression test: text with half of a
/// UTF-16 surrogate pair once answered 500 and left a project refusing every later edit until a restart,
/// a tempo of 1e309 (+∞) answered 500; and what SignalR refuses by itself, as docs/hub.md says.
/// </summary>
public sealed class FuzzFindingsTests
{
    [Fact]
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

    [Fact]
    public async Task An_inserted_value_with_a_lone_surrogate_is_refused_and_the_project_keeps_taking_edits()
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Surrogate" })).GetProperty("id").GetString()!;
        await studio.PostOpsAsync(id, """[{"type":"insert","path":["tracks","t"],"value":{"kind":"keys","order":"V"}}]""");

        var response = await studio.Client.PostAsync($"/api/projects/{id}/ops",
            new StringContent("""[{"type":"insert","path":["tracks","t","clips","n"],"value":"\ud800"}]""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("malformed", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var bpm = await studio.PostOpsAsync(id, """[{"type":"update","path":["bpm"],"value":99}]""");
        Assert.Equal("applied", bpm.GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Empty(studio.Log.Entries);
    }

    [Fact]
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

        Assert.Equal("malformed", answer.GetProperty("code").GetString());
        var bpm = await studio.PostOpsAsync(id, """[{"type":"update","path":["bpm"],"value":99}]""");
        Assert.Equal("applied", bpm.GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Empty(studio.Log.Entries);
    }

    [Fact]
    public async Task Creating_a_project_with_a_key_of_unpaired_surrogates_is_refused_with_a_code()
    {
        await using var studio = await StudioHost.StartAsync();

        var response = await studio.Client.PostAsync("/api/projects", new StringContent("""{"name":"x","key":"\udfff\ud800"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("malformed", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Empty(studio.Log.Entries);
    }

    [Fact]
    public async Task A_hub_payload_deeper_than_signalr_reads_closes_that_connection_only()
    {
        await using var studio = await StudioHost.StartAsync();
        await using var bystander = studio.HubConnection();
        await bystander.StartAsync();
        await using var connection = studio.HubConnection();
        await connection.StartAsync();
        var payload = JsonDocument.Parse(new string('[', 63) + new string(']', 63), new JsonDocumentOptions { MaxDepth = 100 }).RootElement;

        await Assert.ThrowsAnyAsync<Exception>(() => connection.InvokeAsync<JsonElement>("awareness:cursor", payload));

        await Hub.Eventually.HoldsAsync(() => connection.State == HubConnectionState.Disconnected, "SignalR to close the connection");
        var answer = await bystander.InvokeAsync<JsonElement>("awareness:cursor", JsonDocument.Parse("{}").RootElement);
        Assert.Equal("not_joined", answer.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("awareness:cursor", 0)]
    [InlineData("awareness:cursor", 2)]
    [InlineData("no:such", 1)]
    public async Task A_call_that_fits_no_hub_method_gets_signalrs_own_error_and_the_connection_stays(string method, int arguments)
    {
        await using var studio = await StudioHost.StartAsync();
        await using var connection = studio.HubConnection();
        await connection.StartAsync();
        var payload = JsonDocument.Parse("{}").RootElement;

        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeCoreAsync<JsonElement>(method, Enumerable.Repeat<object?>(payload, arguments).ToArray()));

        Assert.Contains("Failed to invoke", error.Message);
        Assert.Equal(HubConnectionState.Connected, connection.State);
        var answer = await connection.InvokeAsync<JsonElement>("awareness:cursor", payload);
        Assert.Equal("not_joined", answer.GetProperty("code").GetString());
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
        Assert.Equal(62, Harness.SignalRRefusals.NestingDepth(payload.GetRawText()));
    }
}
