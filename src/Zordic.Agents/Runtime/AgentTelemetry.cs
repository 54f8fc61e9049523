using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Zordic.Agents.Runtime;

/// <summary>
/// The agents' traces and metrics, through .NET's own ActivitySource and Meter (OpenTelemetry reads
/// both). A user request's trace is carried from agent to agent in the message context as a W3C
/// <c>traceparent</c>, so one trace spans every agent that handled it, on any node.
/// </summary>
public sealed class AgentTelemetry : IDisposable
{
    public const string SourceName = "Zordic.Agents";
    public const string TraceParentKey = "traceparent";

    public readonly ActivitySource Source = new(SourceName);
    public readonly Meter Meter = new(SourceName);
    public readonly Counter<long> Messages;
    public readonly Counter<long> Failures;
    public readonly Histogram<double> HandlerLatency;

    public AgentTelemetry(Func<IEnumerable<Measurement<int>>> breakerStates)
    {
        Messages = Meter.CreateCounter<long>("zordic.agents.messages", "{message}", "Messages handled by agents");
        Failures = Meter.CreateCounter<long>("zordic.agents.failures", "{message}", "Messages whose handler failed, timed out or met an open circuit");
        HandlerLatency = Meter.CreateHistogram<double>("zordic.agents.handler.duration", "ms", "Time an agent took to handle a message");
        Meter.CreateObservableGauge("zordic.agents.breaker.state", breakerStates, description: "0 closed, 1 open");
    }

    public void Dispose()
    {
        Source.Dispose();
        Meter.Dispose();
    }
}
