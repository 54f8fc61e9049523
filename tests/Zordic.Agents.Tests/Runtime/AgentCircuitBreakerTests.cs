using CsCheck;
using Microsoft.Extensions.Time.Testing;
using Zordic.Agents.Runtime;

namespace Zordic.Agents.Tests.Runtime;

/// <summary>The breaker counts as the seed's <c>AgentCircuitBreaker</c> does: 5 failures in a row, open 30 s, closed again.</summary>
public sealed class AgentCircuitBreakerTests
{
    const int Threshold = 5;
    static readonly TimeSpan Break = TimeSpan.FromSeconds(30);

    readonly FakeTimeProvider _clock = new(DateTimeOffset.UnixEpoch);
    readonly AgentCircuitBreaker _breaker;
    int _runs;

    public AgentCircuitBreakerTests() => _breaker = new AgentCircuitBreaker("melody", _clock, Threshold, Break);

    async Task Succeed() => await _breaker.CallAsync(() => { _runs++; return Task.CompletedTask; });

    async Task Fail() => await Assert.ThrowsAsync<InvalidOperationException>(() =>
        _breaker.CallAsync(() => { _runs++; throw new InvalidOperationException("model missing"); }));

    [Fact]
    public async Task Five_failures_in_a_row_open_it()
    {
        for (var i = 0; i < Threshold - 1; i++) await Fail();
        Assert.Equal(BreakerState.Closed, _breaker.State);
        await Fail();
        Assert.Equal(BreakerState.Open, _breaker.State);
    }

    [Fact]
    public async Task Four_failures_then_a_success_then_four_failures_keep_it_closed()
    {
        for (var i = 0; i < 4; i++) await Fail();
        await Succeed();
        for (var i = 0; i < 4; i++) await Fail();
        Assert.Equal(BreakerState.Closed, _breaker.State);
        await Fail();
        Assert.Equal(BreakerState.Open, _breaker.State);
    }

    [Fact]
    public async Task Failures_far_apart_open_it_after_five_in_a_row()
    {
        for (var i = 0; i < Threshold; i++)
        {
            if (i > 0) _clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(BreakerState.Closed, _breaker.State);
            await Fail();
        }
        Assert.Equal(BreakerState.Open, _breaker.State);
    }

    [Fact]
    public async Task Calls_while_open_fail_fast_without_running()
    {
        for (var i = 0; i < Threshold; i++) await Fail();
        Assert.Equal(Threshold, _runs);
        var refused = await Assert.ThrowsAsync<CircuitOpenException>(Succeed);
        Assert.Contains("melody", refused.Message);
        await Assert.ThrowsAsync<CircuitOpenException>(() => _breaker.CallAsync(() => { _runs++; throw new InvalidOperationException(); }));
        Assert.Equal(Threshold, _runs);
        Assert.Equal(BreakerState.Open, _breaker.State);
    }

    [Fact]
    public async Task It_closes_30_s_after_opening_with_the_count_at_zero()
    {
        for (var i = 0; i < Threshold; i++) await Fail();
        _clock.Advance(Break - TimeSpan.FromMilliseconds(1));
        await Assert.ThrowsAsync<CircuitOpenException>(Succeed); // refused calls do not extend the break
        Assert.Equal(BreakerState.Open, _breaker.State);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(BreakerState.Closed, _breaker.State);

        // No trial call: the failures are forgotten, so one more failure does not open it again; five do.
        for (var i = 0; i < Threshold - 1; i++) await Fail();
        Assert.Equal(BreakerState.Closed, _breaker.State);
        await Fail();
        Assert.Equal(BreakerState.Open, _breaker.State);
    }

    [Fact]
    public async Task A_cancelled_call_neither_counts_nor_resets()
    {
        for (var i = 0; i < Threshold - 1; i++) await Fail();
        await Assert.ThrowsAsync<OperationCanceledException>(() => _breaker.CallAsync(() => throw new OperationCanceledException()));
        Assert.Equal(BreakerState.Closed, _breaker.State);
        await Fail();
        Assert.Equal(BreakerState.Open, _breaker.State);
    }

    /// <summary>Any sequence of calls and pauses: the same calls run and the same states follow as in the seed's code.</summary>
    [Fact]
    public void It_behaves_as_the_seed_s_breaker_on_any_sequence()
    {
        var step = Gen.Select(Gen.OneOf(Gen.Int[0, 2_000], Gen.Int[0, 90_000]), Gen.Int[0, 4], (pause, outcome) => (Pause: pause, Fails: outcome > 0));
        step.Array[0, 80].Sample(steps =>
        {
            var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
            var breaker = new AgentCircuitBreaker("beat", clock, Threshold, Break);
            var seed = new SeedBreaker();
            long now = 0;
            foreach (var (pause, fails) in steps)
            {
                now += pause;
                clock.Advance(TimeSpan.FromMilliseconds(pause));
                var expectedRun = seed.Call(now, fails);
                var ran = false;
                try
                {
                    breaker.CallAsync(() => { ran = true; return fails ? throw new InvalidOperationException() : Task.CompletedTask; }).GetAwaiter().GetResult();
                }
                catch (InvalidOperationException) { }
                catch (CircuitOpenException) { }
                if (ran != expectedRun || (breaker.State == BreakerState.Open) != seed.IsOpen(now)) return false;
            }
            return true;
        });
    }

    /// <summary>The seed's TypeScript breaker for one agent, line by line, with its timers as due times.</summary>
    sealed class SeedBreaker
    {
        int _failures;
        readonly List<long> _timers = [];

        public bool IsOpen(long now)
        {
            Fire(now);
            return _failures >= Threshold;
        }

        public bool Call(long now, bool fails)
        {
            if (IsOpen(now)) return false;
            if (fails)
            {
                _failures++;
                if (_failures >= Threshold) _timers.Add(now + (long)Break.TotalMilliseconds);
            }
            else _failures = 0;
            return true;
        }

        void Fire(long now)
        {
            if (_timers.RemoveAll(due => due <= now) > 0) _failures = 0;
        }
    }
}
