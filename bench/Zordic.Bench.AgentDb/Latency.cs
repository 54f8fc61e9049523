using System.Diagnostics;

namespace Zordic.Bench.AgentDb;

/// <summary>Single-query latencies in microseconds and the figures derived from them.</summary>
internal sealed class Latency
{
    private readonly List<double> _micros = [];

    public void Add(long startTimestamp) => _micros.Add(Stopwatch.GetElapsedTime(startTimestamp).TotalMicroseconds);

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public double Qps => _micros.Count / (_micros.Sum() / 1e6);

    private double Percentile(double p)
    {
        var sorted = _micros.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))];
    }
}
