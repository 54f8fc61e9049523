using System.Threading.Channels;

namespace Zordic.Agents.Runtime;

/// <summary>
/// The event bus inside one process: each subscription has its own channel and reader, so a slow
/// subscriber delays only itself, and sees messages in publish order.
/// </summary>
public sealed class InProcessEventBus : IEventBus, IAsyncDisposable
{
    readonly object _lock = new();
    ImmutableSubscriptions _subscriptions = ImmutableSubscriptions.Empty;

    public ValueTask PublishAsync(AgentMessage message, CancellationToken ct = default)
    {
        foreach (var subscription in _subscriptions.Items)
        {
            if (subscription.Pattern.Matches(message.Topic)) subscription.Queue.Writer.TryWrite(message);
        }
        return ValueTask.CompletedTask;
    }

    public IDisposable Subscribe(TopicPattern pattern, Func<AgentMessage, ValueTask> deliver)
    {
        var subscription = new Subscription(this, pattern, deliver);
        lock (_lock) _subscriptions = _subscriptions.With(subscription);
        return subscription;
    }

    void Remove(Subscription subscription)
    {
        lock (_lock) _subscriptions = _subscriptions.Without(subscription);
    }

    public async ValueTask DisposeAsync()
    {
        Subscription[] all;
        lock (_lock) all = _subscriptions.Items;
        foreach (var s in all) s.Dispose();
        await Task.WhenAll(all.Select(s => s.Reader));
    }

    /// <summary>Copy-on-write list, so publishing never takes a lock.</summary>
    sealed record ImmutableSubscriptions(Subscription[] Items)
    {
        public static readonly ImmutableSubscriptions Empty = new([]);
        public ImmutableSubscriptions With(Subscription s) => new([.. Items, s]);
        public ImmutableSubscriptions Without(Subscription s) => new([.. Items.Where(x => x != s)]);
    }

    sealed class Subscription : IDisposable
    {
        readonly InProcessEventBus _bus;
        public readonly TopicPattern Pattern;
        public readonly Channel<AgentMessage> Queue = Channel.CreateUnbounded<AgentMessage>(new UnboundedChannelOptions { SingleReader = true });
        public readonly Task Reader;

        public Subscription(InProcessEventBus bus, TopicPattern pattern, Func<AgentMessage, ValueTask> deliver)
        {
            _bus = bus;
            Pattern = pattern;
            Reader = Task.Run(async () =>
            {
                await foreach (var message in Queue.Reader.ReadAllAsync())
                {
                    try
                    {
                        await deliver(message);
                    }
                    catch (Exception)
                    {
                        // A subscriber's failure is its own: the engine reports it; the bus goes on.
                    }
                }
            });
        }

        public void Dispose()
        {
            _bus.Remove(this);
            Queue.Writer.TryComplete();
        }
    }
}
