using System.Collections.Concurrent;
using Zordic.Agents.Runtime;

namespace Zordic.Agents.Tests.Runtime;

/// <summary>An agent whose behaviour each test writes: it records what it handled, in order.</summary>
public sealed class TestAgent(string id, string[] subscriptions, Func<AgentMessage, AgentContext, CancellationToken, Task>? handle = null) : IAgent
{
    public string Id => id;
    public IReadOnlyList<string> Subscriptions => subscriptions;
    public int Concurrency { get; init; } = 1;
    public TimeSpan HandlerTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public ConcurrentQueue<AgentMessage> Handled { get; } = new();
    public int Calls;

    public async Task HandleAsync(AgentMessage message, AgentContext context, CancellationToken ct)
    {
        Interlocked.Increment(ref Calls);
        if (handle is not null) await handle(message, context, ct);
        Handled.Enqueue(message);
    }
}

public static class Wait
{
    public static async Task ForAsync(Func<bool> condition, string what, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline) throw new Xunit.Sdk.XunitException($"timed out waiting for: {what}");
            await Task.Delay(5);
        }
    }
}
