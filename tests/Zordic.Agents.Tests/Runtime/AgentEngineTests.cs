using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Zordic.Agents.Runtime;

namespace Zordic.Agents.Tests.Runtime;

public sealed class AgentEngineTests
{
    static AgentMessage Message(string topic, int priority = 5, string from = "test", IReadOnlyList<string>? to = null, string? data = null) => new()
    {
        From = from,
        To = to,
        Topic = topic,
        Priority = priority,
        Payload = new MessagePayload { Action = data },
    };

    [Fact]
    public async Task A_subscriber_receives_a_topics_messages_in_publish_order()
    {
        await using var bus = new InProcessEventBus();
        await using var engine = new AgentEngine(bus);
        var agent = new TestAgent("melody", ["beat.created"]);
        engine.Register(agent);
        for (var i = 0; i < 500; i++) await engine.PublishAsync(Message("beat.created", data: i.ToString()));
        await Wait.ForAsync(() => agent.Handled.Count == 500, "all handled");
        Assert.Equal(Enumerable.Range(0, 500).Select(i => i.ToString()), agent.Handled.Select(m => m.Payload.Action));
    }

    [Fact]
    public async Task Wildcards_and_targets_decide_who_receives_a_message()
    {
        await using var bus = new InProcessEventBus();
        await using var engine = new AgentEngine(bus);
        var melody = new TestAgent("melody", ["beat.*"]);
        var harmony = new TestAgent("harmony", ["beat.created"]);
        var visual = new TestAgent("visual", ["visual.#"]);
        foreach (var a in new[] { melody, harmony, visual }) engine.Register(a);
        await engine.PublishAsync(Message("beat.created"));                    // broadcast: melody and harmony
        await engine.PublishAsync(Message("beat.updated"));                    // melody only
        await engine.PublishAsync(Message("beat.created", to: ["harmony"]));   // targeted: harmony only
        await engine.PublishAsync(Message("visual.render", to: ["visual"]));   // visual
        await engine.PublishAsync(Message("direct.call", to: ["melody"]));     // addressed by id, no subscription needed
        await Wait.ForAsync(() => melody.Handled.Count == 3 && harmony.Handled.Count == 2 && visual.Handled.Count == 1, "deliveries");
        await Task.Delay(50);
        Assert.Equal(["beat.created", "beat.updated", "direct.call"], melody.Handled.Select(m => m.Topic));
        Assert.Equal(2, harmony.Handled.Count);
        Assert.Single(visual.Handled);
    }

    [Fact]
    public async Task An_agent_gets_what_it_subscribed_to_and_what_is_addressed_to_it_in_publish_order()
    {
        await using var bus = new InProcessEventBus();
        await using var engine = new AgentEngine(bus);
        var melody = new TestAgent("melody", ["beat.*"]);
        engine.Register(melody);
        for (var i = 0; i < 300; i++)
            await engine.PublishAsync(i % 2 == 0 ? Message("beat.created", data: i.ToString()) : Message("direct.call", to: ["melody"], data: i.ToString()));
        await Wait.ForAsync(() => melody.Handled.Count == 300, "all handled");
        Assert.Equal(Enumerable.Range(0, 300).Select(i => i.ToString()), melody.Handled.Select(m => m.Payload.Action));
    }

    [Fact]
    public async Task A_message_matching_two_of_an_agents_patterns_is_handled_once()
    {
        await using var bus = new InProcessEventBus();
        await using var engine = new AgentEngine(bus);
        var melody = new TestAgent("melody", ["beat.*", "beat.created", "#"]);
        engine.Register(melody);
        await engine.PublishAsync(Message("beat.created", data: "one"));
        await engine.PublishAsync(Message("beat.updated", data: "two"));
        await Wait.ForAsync(() => melody.Handled.Count >= 2, "both handled");
        await Task.Delay(50);
        Assert.Equal(["one", "two"], melody.Handled.Select(m => m.Payload.Action));
    }

    [Fact]
    public async Task A_busy_agent_takes_the_highest_priority_next()
    {
        await using var bus = new InProcessEventBus();
        await using var engine = new AgentEngine(bus);
        var gate = new TaskCompletionSource();
        var agent = new TestAgent("beat", ["work"], async (m, _, _) => { if (m.Payload.Action == "first") await gate.Task; });
        engine.Register(agent);
        await engine.PublishAsync(Message("work", data: "first"));
        await Wait.ForAsync(() => agent.Calls == 1, "the first message is being handled");
        foreach (var (priority, name) in new[] { (1, "low"), (9, "urgent"), (5, "normal"), (9, "urgent2"), (0, "lowest") })
            await engine.PublishAsync(Message("work", priority, data: name));
        await Wait.ForAsync(() => engine.Status().Single().QueueDepth == 5, "all queued");
        gate.SetResult();
        await Wait.ForAsync(() => agent.Handled.Count == 6, "all handled");
        Assert.Equal(["first", "urgent", "urgent2", "normal", "low", "lowest"], agent.Handled.Select(m => m.Payload.Action));
    }

    [Fact]
    public async Task A_request_gets_the_response_with_its_correlation_id_or_times_out()
    {
        await using var bus = new InProcessEventBus();
        await using var engine = new AgentEngine(bus);
        engine.Register(new TestAgent("harmony", ["harmony.query"], (m, ctx, ct) =>
            ctx.RespondAsync(new MessagePayload { Action = "answer:" + m.Payload.Action }, ct)));
        var response = await engine.RequestAsync(Message("harmony.query", to: ["harmony"], data: "C major"), TimeSpan.FromSeconds(5));
        Assert.Equal(MessageType.Response, response.Type);
        Assert.Equal("answer:C major", response.Payload.Action);
        Assert.Equal(["test"], response.To);

        var silent = engine.RequestAsync(Message("nobody.listens"), TimeSpan.FromMilliseconds(150));
        await Assert.ThrowsAsync<TimeoutException>(() => silent);
    }

    [Fact]
    public async Task Five_failures_in_a_row_open_the_circuit_and_it_recovers_after_the_break()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bus = new InProcessEventBus();
        await using var engine = new AgentEngine(bus, clock: clock);
        var failing = true;
        var agent = new TestAgent("melody", ["beat.created"], (_, _, _) => failing ? throw new InvalidOperationException("model missing") : Task.CompletedTask);
        var deadLetters = new TestAgent("watcher", [AgentEngine.DeadLetterTopic]);
        engine.Register(agent);
        engine.Register(deadLetters);
        for (var i = 0; i < 5; i++) await engine.PublishAsync(Message("beat.created"));
        await Wait.ForAsync(() => engine.Status().Single(s => s.Id == "melody").Failed == 5, "five failures");
        Assert.Equal("open", engine.Status().Single(s => s.Id == "melody").Breaker);
        Assert.Equal(5, agent.Calls);

        // Open: the handler is not called; the message goes to the dead letters with the reason.
        await engine.PublishAsync(Message("beat.created"));
        await Wait.ForAsync(() => deadLetters.Handled.Count == 6, "six dead letters");
        Assert.Equal(5, agent.Calls);
        Assert.Contains("circuit_open", deadLetters.Handled.Last().Payload.Data!.Value.GetRawText());
        Assert.Contains("model missing", deadLetters.Handled.First().Payload.Data!.Value.GetRawText());

        // After the seed's 30 s the circuit is closed again and messages reach the agent.
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("closed", engine.Status().Single(s => s.Id == "melody").Breaker);
        failing = false;
        await engine.PublishAsync(Message("beat.created"));
        await Wait.ForAsync(() => agent.Handled.Count == 1, "handled after recovery");
        Assert.Equal("closed", engine.Status().Single(s => s.Id == "melody").Breaker);
    }

    [Fact]
    public async Task A_success_between_failures_keeps_the_circuit_closed()
    {
        await using var bus = new InProcessEventBus();
        await using var engine = new AgentEngine(bus);
        var agent = new TestAgent("beat", ["work"], (m, _, _) => m.Payload.Action == "ok" ? Task.CompletedTask : throw new InvalidOperationException());
        engine.Register(agent);
        foreach (var a in new[] { "x", "x", "x", "x", "ok", "x", "x", "x", "x" }) await engine.PublishAsync(Message("work", data: a));
        await Wait.ForAsync(() => agent.Calls == 9, "all handled");
        Assert.Equal("closed", engine.Status().Single().Breaker);
    }

    [Fact]
    public async Task A_throwing_or_hanging_agent_does_not_stop_the_others()
    {
        await using var bus = new InProcessEventBus();
        await using var engine = new AgentEngine(bus);
        var broken = new TestAgent("broken", ["beat.created"], (_, _, _) => throw new NullReferenceException());
        var hanging = new TestAgent("hanging", ["beat.created"], (_, _, ct) => Task.Delay(Timeout.Infinite, ct)) { HandlerTimeout = TimeSpan.FromMilliseconds(100) };
        var healthy = new TestAgent("healthy", ["beat.created"]);
        var deadLetters = new TestAgent("watcher", [AgentEngine.DeadLetterTopic]);
        foreach (var a in new[] { broken, hanging, healthy, deadLetters }) engine.Register(a);
        for (var i = 0; i < 3; i++) await engine.PublishAsync(Message("beat.created"));
        await Wait.ForAsync(() => healthy.Handled.Count == 3 && deadLetters.Handled.Count == 6, "healthy handled, others dead-lettered");
        Assert.Contains(deadLetters.Handled, d => d.Payload.Data!.Value.GetRawText().Contains("timeout"));
        var status = engine.Status().ToDictionary(s => s.Id);
        Assert.Equal(3, status["broken"].Failed);
        Assert.Equal(3, status["hanging"].Failed);
        Assert.Equal(3, status["healthy"].Handled);
    }

    [Fact]
    public async Task A_message_with_a_memory_key_is_stored_before_anyone_sees_it()
    {
        var memory = new RecordingMemory();
        await using var bus = new InProcessEventBus();
        await using var engine = new AgentEngine(bus, memory);
        var melody = new TestAgent("melody", ["beat.created"], (m, _, _) =>
        {
            Assert.True(memory.Stored.ContainsKey("swarm/beat/p1"));
            return Task.CompletedTask;
        });
        engine.Register(melody);
        await engine.PublishAsync(Message("beat.created") with { MemoryKey = "swarm/beat/p1", Payload = new MessagePayload { PatternId = "p1" } });
        await Wait.ForAsync(() => melody.Handled.Count == 1, "handled");
        Assert.Equal("p1", memory.Stored["swarm/beat/p1"].Payload.PatternId);
    }

    [Fact]
    public async Task One_trace_spans_every_agent_that_handled_a_request()
    {
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is AgentTelemetry.SourceName or "test",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("test");
        await using var bus = new InProcessEventBus();
        await using var engine = new AgentEngine(bus);
        engine.Register(new TestAgent("beat", ["compose"], (m, ctx, ct) => ctx.PublishAsync("beat.created", new MessagePayload { PatternId = "b1" }, ct: ct)));
        var melody = new TestAgent("melody", ["beat.created"], (m, ctx, ct) => ctx.PublishAsync("melody.suggested", new MessagePayload(), ct: ct));
        var harmony = new TestAgent("harmony", ["melody.suggested"]);
        engine.Register(melody);
        engine.Register(harmony);
        string traceId;
        using (var root = source.StartActivity("compose request")!)
        {
            traceId = root.TraceId.ToString();
            await engine.PublishAsync(Message("compose") with { CorrelationId = "req-1" });
        }
        await Wait.ForAsync(() => harmony.Handled.Count == 1 && activities.Count(a => a.Source.Name == AgentTelemetry.SourceName) >= 3, "the chain ran");
        var spans = activities.Where(a => a.Source.Name == AgentTelemetry.SourceName).ToList();
        Assert.All(spans, s => Assert.Equal(traceId, s.TraceId.ToString()));
        Assert.Equal(["beat", "harmony", "melody"], spans.Select(s => (string)s.GetTagItem("agent")!).Order());
        Assert.All(spans, s => Assert.Equal("req-1", s.GetTagItem("correlation_id")));
        Assert.Equal("req-1", harmony.Handled.Single().CorrelationId);
    }

    sealed class RecordingMemory : IAgentMemory
    {
        public ConcurrentDictionary<string, AgentMessage> Stored { get; } = new();

        public Task StoreAsync(string key, AgentMessage message, CancellationToken ct)
        {
            Stored[key] = message;
            return Task.CompletedTask;
        }
    }
}
