using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Polly;
using Polly.Timeout;

namespace Zordic.Agents.Runtime;

/// <summary>Settings of the engine; the breaker numbers are the seed's.</summary>
public sealed record AgentEngineOptions
{
    /// <summary>Failures in a row (no success in between, however far apart) that open an agent's circuit.</summary>
    public int FailuresToOpen { get; init; } = 5;
    /// <summary>How long an open circuit refuses messages before it closes again.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// The agent orchestration engine of the seed: agents subscribe to topics on the event bus; each
/// delivered message waits in the agent's priority queue and is handled behind the agent's circuit
/// breaker (<see cref="AgentCircuitBreaker"/>, the seed's consecutive count) and timeout (Polly). A
/// handler that throws, times out or meets an open circuit never takes the engine down: the message
/// goes to the <see cref="DeadLetterTopic"/> with the reason. Requests wait for the response with their
/// correlation id. Messages with a memory key are stored in the shared memory first.
/// </summary>
public sealed class AgentEngine : IAsyncDisposable
{
    public const string DeadLetterTopic = "dead-letter";

    readonly IEventBus _bus;
    readonly IAgentMemory? _memory;
    readonly TimeProvider _clock;
    readonly AgentEngineOptions _options;
    readonly ConcurrentDictionary<string, Registration> _agents = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, TaskCompletionSource<AgentMessage>> _waiting = new(StringComparer.Ordinal);
    readonly List<IDisposable> _subscriptions = [];
    readonly IDisposable _responses;

    public AgentEngine(IEventBus bus, IAgentMemory? memory = null, TimeProvider? clock = null, AgentEngineOptions? options = null)
    {
        _bus = bus;
        _memory = memory;
        _clock = clock ?? TimeProvider.System;
        _options = options ?? new AgentEngineOptions();
        Telemetry = new AgentTelemetry(BreakerStates);
        _responses = bus.Subscribe(new TopicPattern("#"), message =>
        {
            if (message.Type == MessageType.Response && _waiting.TryRemove(message.CorrelationId, out var waiter)) waiter.TrySetResult(message);
            return ValueTask.CompletedTask;
        });
    }

    public AgentTelemetry Telemetry { get; }

    public void Register(IAgent agent)
    {
        var registration = new Registration(this, agent);
        if (!_agents.TryAdd(agent.Id, registration)) throw new ArgumentException($"an agent '{agent.Id}' is registered already", nameof(agent));
        // One subscription per agent, not one per pattern: the bus keeps each subscription's messages in
        // publish order, so the agent gets its messages in that order whichever way they reach it, and a
        // message its patterns match twice arrives once. Messages addressed to the agent by id reach it
        // whatever their topic.
        var patterns = agent.Subscriptions.Select(p => new TopicPattern(p)).ToArray();
        _subscriptions.Add(_bus.Subscribe(new TopicPattern("#"), message =>
        {
            var subscribed = Array.Exists(patterns, p => p.Matches(message.Topic));
            if (subscribed ? message.IsFor(agent.Id) && message.From != agent.Id
                           : message.To?.Contains(agent.Id) == true && message.Type != MessageType.Response)
                registration.Mailbox.Post(message);
            return ValueTask.CompletedTask;
        }));
    }

    /// <summary>Publishes a message: stamps it, carries the current trace, stores it under its memory key, hands it to the bus.</summary>
    public async Task PublishAsync(AgentMessage message, CancellationToken ct = default)
    {
        if (message.Priority is < 0 or > 10) throw new ArgumentOutOfRangeException(nameof(message), $"priority must be 0–10, got {message.Priority}");
        var stamped = message with
        {
            Timestamp = message.Timestamp == 0 ? _clock.GetUtcNow().ToUnixTimeMilliseconds() : message.Timestamp,
            CorrelationId = message.CorrelationId.Length == 0 ? Guid.CreateVersion7().ToString() : message.CorrelationId,
            Payload = WithCurrentTrace(message.Payload),
        };
        if (stamped.MemoryKey is { } key && _memory is not null) await _memory.StoreAsync(key, stamped, ct);
        await _bus.PublishAsync(stamped, ct);
    }

    /// <summary>Publishes a request and waits for the first response with its correlation id.</summary>
    public async Task<AgentMessage> RequestAsync(AgentMessage request, TimeSpan timeout, CancellationToken ct = default)
    {
        var correlation = request.CorrelationId.Length == 0 ? Guid.CreateVersion7().ToString() : request.CorrelationId;
        var waiter = new TaskCompletionSource<AgentMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_waiting.TryAdd(correlation, waiter)) throw new InvalidOperationException($"a request with correlation id '{correlation}' is already waiting");
        try
        {
            await PublishAsync(request with { CorrelationId = correlation }, ct);
            return await waiter.Task.WaitAsync(timeout, _clock, ct);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no response to '{request.Topic}' ({correlation}) within {timeout.TotalMilliseconds:N0} ms");
        }
        finally
        {
            _waiting.TryRemove(correlation, out _);
        }
    }

    public IReadOnlyList<AgentStatus> Status() =>
        [.. _agents.Values.OrderBy(r => r.Agent.Id, StringComparer.Ordinal).Select(r => new AgentStatus(
            r.Agent.Id, BreakerName(r.Breaker.State), r.Mailbox.Depth, Interlocked.Read(ref r.Handled), Interlocked.Read(ref r.Failed), r.Agent.Subscriptions))];

    static string BreakerName(BreakerState state) => state == BreakerState.Open ? "open" : "closed";

    IEnumerable<Measurement<int>> BreakerStates() =>
        _agents.Values.Select(r => new Measurement<int>((int)r.Breaker.State, new KeyValuePair<string, object?>("agent", r.Agent.Id)));

    static MessagePayload WithCurrentTrace(MessagePayload payload)
    {
        if (Activity.Current is not { } current || payload.Context?.ContainsKey(AgentTelemetry.TraceParentKey) == true) return payload;
        var context = payload.Context is null ? new Dictionary<string, string>() : new Dictionary<string, string>(payload.Context);
        context[AgentTelemetry.TraceParentKey] = current.Id!;
        return payload with { Context = context };
    }

    sealed class Registration
    {
        public readonly IAgent Agent;
        public readonly AgentMailbox Mailbox;
        public readonly AgentCircuitBreaker Breaker;
        public long Handled, Failed;
        readonly AgentEngine _engine;
        readonly ResiliencePipeline _timeout;

        public Registration(AgentEngine engine, IAgent agent)
        {
            _engine = engine;
            Agent = agent;
            Breaker = new AgentCircuitBreaker(agent.Id, engine._clock, engine._options.FailuresToOpen, engine._options.BreakDuration);
            _timeout = new ResiliencePipelineBuilder { TimeProvider = engine._clock }.AddTimeout(agent.HandlerTimeout).Build();
            Mailbox = new AgentMailbox(Math.Max(1, agent.Concurrency), HandleAsync);
        }

        async Task HandleAsync(AgentMessage message)
        {
            var telemetry = _engine.Telemetry;
            ActivityContext.TryParse(message.Payload.Context?.GetValueOrDefault(AgentTelemetry.TraceParentKey), null, out var parent);
            using var activity = telemetry.Source.StartActivity($"{Agent.Id} {message.Topic}", ActivityKind.Consumer, parent);
            activity?.SetTag("agent", Agent.Id);
            activity?.SetTag("topic", message.Topic);
            activity?.SetTag("correlation_id", message.CorrelationId);
            var started = Stopwatch.GetTimestamp();
            string? failure = null;
            try
            {
                await Breaker.CallAsync(() => _timeout.ExecuteAsync(async ct => await Agent.HandleAsync(message, new AgentContext(_engine, Agent, message), ct)).AsTask());
                Interlocked.Increment(ref Handled);
            }
            catch (CircuitOpenException)
            {
                failure = "circuit_open";
            }
            catch (TimeoutRejectedException)
            {
                failure = $"timeout after {Agent.HandlerTimeout.TotalMilliseconds:N0} ms";
            }
            catch (Exception e)
            {
                failure = $"{e.GetType().Name}: {e.Message}";
            }
            var tag = new KeyValuePair<string, object?>("agent", Agent.Id);
            telemetry.Messages.Add(1, tag);
            telemetry.HandlerLatency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tag);
            if (failure is null) return;
            Interlocked.Increment(ref Failed);
            telemetry.Failures.Add(1, tag);
            activity?.SetStatus(ActivityStatusCode.Error, failure);
            await DeadLetterAsync(message, failure);
        }

        Task DeadLetterAsync(AgentMessage message, string reason) =>
            _engine.PublishAsync(new AgentMessage
            {
                From = Agent.Id,
                Topic = DeadLetterTopic,
                Type = MessageType.Notification,
                CorrelationId = message.CorrelationId,
                Priority = message.Priority,
                Payload = new MessagePayload
                {
                    Action = "dead_letter",
                    Data = AgentContext.Data(new { reason, agent = Agent.Id, topic = message.Topic, from = message.From }),
                    Context = message.Payload.Context,
                },
            });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _subscriptions) s.Dispose();
        _responses.Dispose();
        foreach (var waiter in _waiting.Values) waiter.TrySetCanceled();
        Telemetry.Dispose();
        await Task.CompletedTask;
    }
}
