namespace Zordic.Agents.Runtime;

/// <summary>
/// An agent's queue: highest priority first, first come first served within a priority, drained by
/// at most <c>concurrency</c> handlers at a time.
/// </summary>
internal sealed class AgentMailbox(int concurrency, Func<AgentMessage, Task> handle)
{
    readonly object _lock = new();
    readonly PriorityQueue<AgentMessage, (int, long)> _queue = new();
    long _arrivals;
    int _running;

    public int Depth { get { lock (_lock) return _queue.Count; } }

    public void Post(AgentMessage message)
    {
        lock (_lock)
        {
            // Negated priority: PriorityQueue dequeues the smallest; arrival order breaks ties.
            _queue.Enqueue(message, (-Math.Clamp(message.Priority, 0, 10), _arrivals++));
            if (_running >= concurrency) return;
            _running++;
        }
        _ = Task.Run(DrainAsync);
    }

    async Task DrainAsync()
    {
        while (true)
        {
            AgentMessage next;
            lock (_lock)
            {
                if (!_queue.TryDequeue(out next!, out _))
                {
                    _running--;
                    return;
                }
            }
            await handle(next);
        }
    }
}
