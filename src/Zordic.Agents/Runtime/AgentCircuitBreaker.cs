namespace Zordic.Agents.Runtime;

/// <summary>Whether an agent's circuit lets its messages through; the numbers are the breaker-state metric's.</summary>
public enum BreakerState
{
    Closed = 0,
    Open = 1,
}

/// <summary>A call refused without running because the agent's circuit is open.</summary>
public sealed class CircuitOpenException(string agentId) : Exception($"circuit breaker open for agent {agentId}");

/// <summary>
/// The seed's <c>AgentCircuitBreaker</c> for one agent: <see cref="AgentEngineOptions.FailuresToOpen"/> failures
/// in a row open the circuit, however much time passes between them, and a success resets the count. While
/// open, calls fail fast with <see cref="CircuitOpenException"/> without running. <see cref="AgentEngineOptions.BreakDuration"/>
/// after it opened, the circuit is closed again with the count at zero (the seed's timer forgets the failures;
/// there is no trial call). A call that ends cancelled (<see cref="OperationCanceledException"/>) counts
/// neither as a failure nor as a success.
/// </summary>
/// <remarks>
/// Not Polly's breaker: Polly 8 only counts a failure ratio over a sampling window, under which one success in
/// the window keeps the circuit closed through more failures, and failures further apart than the window
/// never open it. The seed's numbers are the contract, so the count is the seed's.
/// </remarks>
public sealed class AgentCircuitBreaker
{
    readonly string _agentId;
    readonly TimeProvider _clock;
    readonly int _failuresToOpen;
    readonly TimeSpan _breakDuration;
    readonly Lock _gate = new();
    int _failures;
    DateTimeOffset _closesAt;

    public AgentCircuitBreaker(string agentId, TimeProvider clock, int failuresToOpen, TimeSpan breakDuration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failuresToOpen, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(breakDuration, TimeSpan.Zero);
        _agentId = agentId;
        _clock = clock;
        _failuresToOpen = failuresToOpen;
        _breakDuration = breakDuration;
    }

    public BreakerState State
    {
        get
        {
            lock (_gate) return Current();
        }
    }

    /// <summary>Runs <paramref name="operation"/> unless the circuit is open, and counts how it ended.</summary>
    public async Task CallAsync(Func<Task> operation)
    {
        lock (_gate)
        {
            if (Current() == BreakerState.Open) throw new CircuitOpenException(_agentId);
        }
        try
        {
            await operation();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            lock (_gate)
            {
                Current();
                if (++_failures == _failuresToOpen) _closesAt = _clock.GetUtcNow() + _breakDuration;
            }
            throw;
        }
        lock (_gate) _failures = 0;
    }

    // Callers hold the gate. An open circuit whose time is up closes here, as the seed's timer would have closed it.
    BreakerState Current()
    {
        if (_failures >= _failuresToOpen && _clock.GetUtcNow() >= _closesAt) _failures = 0;
        return _failures >= _failuresToOpen ? BreakerState.Open : BreakerState.Closed;
    }
}
