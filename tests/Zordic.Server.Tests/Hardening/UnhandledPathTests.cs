using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Zordic.Collab;
using Zordic.Collab.Json;
using Zordic.Collab.Operations;
using Zordic.Collab.Replica;
using Zordic.Server.Api;
using Zordic.Server.Tests.Hub;

namespace Zordic.Server.Tests.Hardening;

/// <summary>
/// Finding 9: paths that reached users as a bare 500 or SignalR's generic error, and a background sweep
/// whose exception would stop the host. Each now answers with a specific code.
/// </summary>
public sealed class UnhandledPathTests
{
    [Fact]
    public async Task A_new_op_reusing_a_logged_op_id_is_refused_in_its_result_not_with_a_500()
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Ids" })).GetProperty("id").GetString()!;
        var alice = new EditingSession(new ProjectReplica(id), "alice", "tab-a");
        var first = alice.Update(["bpm"], JsonSerializer.SerializeToElement(90));
        await studio.PostOpsAsync(id, Batch(first));
        var thief = alice.Next(OperationType.Update, ["swing"], JsonSerializer.SerializeToElement(0.5)) with { OpId = first.OpId };
        var honest = alice.Next(OperationType.Update, ["swing"], JsonSerializer.SerializeToElement(0.25));

        var response = await studio.PostOpsAsync(id, Batch(thief, honest));

        Assert.Equal("duplicate_op_id", response.GetProperty("results")[0].GetProperty("code").GetString());
        Assert.Equal("applied", response.GetProperty("results")[1].GetProperty("status").GetString());
        Assert.Equal(0.25, (await studio.GetJsonAsync($"/api/projects/{id}")).GetProperty("swing").GetDouble());
        Assert.Empty(studio.Log.Entries);
    }

    [Fact]
    public async Task Playing_in_a_project_deleted_meanwhile_answers_unknown_project()
    {
        await using var studio = await StudioHost.StartAsync();
        var id = (await studio.CreateProjectAsync(new { name = "Gone" })).GetProperty("id").GetString()!;
        await using var ana = new StudioClient(studio, id, "ana", "tab-ana");
        await ana.JoinAsync(withVersionVector: false);
        Assert.Equal(HttpStatusCode.NoContent, (await studio.Client.DeleteAsync($"/api/projects/{id}")).StatusCode);

        foreach (var method in new[] { "audio:play", "audio:stop" })
        {
            var result = await ana.InvokeAsync(method, new { position = 1.5 });
            Assert.Equal("unknown_project", result.GetProperty("code").GetString());
        }
        var edit = await ana.InvokeAsync("agent:harmonize", new { track_id = "t" });
        Assert.Equal("unknown_project", edit.GetProperty("code").GetString());
        Assert.Empty(studio.Log.Entries);
    }

    [Theory]
    [InlineData(typeof(TimeoutException), 503, "agent_unavailable")]
    [InlineData(typeof(InvalidOperationException), 500, "internal_error")]
    public async Task What_an_endpoint_throws_becomes_a_problem_with_a_code(Type thrown, int status, string code)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddProblemDetails().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        var handled = await new StudioExceptionHandler(NullLogger<StudioExceptionHandler>.Instance)
            .TryHandleAsync(context, (Exception)Activator.CreateInstance(thrown, "boom")!, default);
        Assert.True(handled);
        Assert.Equal(status, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        var problem = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_sweep_that_throws_is_logged_and_runs_again()
    {
        var clock = new FakeTimeProvider();
        var sweep = new FailingSweep(clock);
        await sweep.StartAsync(default);
        // The sweep's timer starts on a thread of its own: move the clock on until it has run three times.
        await Eventually.HoldsAsync(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return Volatile.Read(ref sweep.Runs) >= 3;
        }, "three sweeps");
        Assert.Null(sweep.ExecuteTask!.Exception);
        Assert.False(sweep.ExecuteTask.IsCompleted);
        await sweep.StopAsync(default);
    }

    sealed class FailingSweep(TimeProvider clock) : PeriodicSweep(clock, NullLogger.Instance)
    {
        public int Runs;

        protected override TimeSpan Period => TimeSpan.FromSeconds(1);

        protected override Task SweepAsync(CancellationToken ct)
        {
            Interlocked.Increment(ref Runs);
            throw new IOException("the disk went away (injected)");
        }
    }

    static string Batch(params CollaborativeOperation[] ops) => "[" + string.Join(",", ops.Select(o => Encoding.UTF8.GetString(CollabJson.Serialize(o)))) + "]";
}
