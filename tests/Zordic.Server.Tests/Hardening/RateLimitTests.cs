using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zordic.Server.Limits;
using Zordic.Server.Tests.Hub;

namespace Zordic.Server.Tests.Hardening;

/// <summary>Finding 5: only ops per connection were limited. REST and every hub method now are, with a code.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Past_its_budget_a_caller_gets_429_with_retry_after_and_the_code_rate_limited()
    {
        await using var studio = await StudioHost.StartAsync(limits: RateLimits.Unlimited with { RestPerAddress = new Rate(1, 5) });
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 12; i++)
        {
            var response = await studio.Client.GetAsync("/api/projects");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
        }
        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        await Problem.AssertAsync(limited, HttpStatusCode.TooManyRequests, "rate_limited");
    }

    [Fact]
    public async Task Asking_the_agents_has_a_smaller_budget_of_its_own()
    {
        await using var studio = await StudioHost.StartAsync(limits: RateLimits.Unlimited with { RestAgentsPerAddress = new Rate(0.1, 2) });
        var body = new { instrument = "kick", velocity = 100, frequency = 60 };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await studio.Client.PostAsJsonAsync("/api/visual/effect", body)).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await studio.Client.GetAsync("/api/projects")).StatusCode);
    }

    [Fact]
    public async Task Cursor_floods_and_join_storms_get_rate_limited_and_the_connection_stays()
    {
        await using var studio = await StudioHost.StartAsync(limits: RateLimits.Unlimited with
        {
            HubAwarenessPerConnection = new Rate(1, 10),
            HubJoinsPerConnection = new Rate(0.1, 3),
        });
        var id = (await studio.CreateProjectAsync(new { name = "Busy" })).GetProperty("id").GetString()!;
        await using var client = new StudioClient(studio, id, "flood", "tab-flood");
        await client.JoinAsync(withVersionVector: false);

        var codes = new List<string?>();
        for (var i = 0; i < 30; i++) codes.Add(Code(await client.InvokeAsync("awareness:cursor", new { track = (string?)null, beat = (double?)null })));
        Assert.Equal(10, codes.Count(c => c is null));
        Assert.Equal(20, codes.Count(c => c == "rate_limited"));

        var joins = new List<string?>();
        for (var i = 0; i < 5; i++) joins.Add(Code(await client.InvokeAsync("session:join", new { project_id = id, user_id = "flood" })));
        Assert.Equal(["rate_limited"], joins.Distinct().Where(c => c is not null));
        Assert.True((await client.InvokeAsync("op:undo", new { })).TryGetProperty("code", out var undo) && undo.GetString() == "nothing_to_undo");
        Assert.Empty(studio.Log.Entries);
    }

    static string? Code(JsonElement result) => result.TryGetProperty("code", out var c) ? c.GetString() : null;
}
