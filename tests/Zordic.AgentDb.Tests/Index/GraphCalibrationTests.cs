using Zordic.AgentDb.Index;

namespace Zordic.AgentDb.Tests.Index;

/// <summary>
/// Calibration on its own, with a scan and a graph written by each test: which breadth it settles on and
/// when it gives the graph up. Each sample query's true neighbours are slots 1000·q + 1 … 1000·q + 10 at
/// distances 1 … 10; the query's own slot (distance 0) is never counted.
/// </summary>
public sealed class GraphCalibrationTests
{
    private const int Samples = 20;

    private static readonly List<(int Slot, QueryVector Query)> Queries =
        [.. Enumerable.Range(0, Samples).Select(q => (q * 1000, QueryVector.Of([q, 1f], Quantization.F32)))];

    private static (float Distance, int Slot)[] Truth(QueryVector query, int count) =>
        [(0f, Own(query)), .. Enumerable.Range(1, count - 1).Select(j => ((float)j, Own(query) + j))];

    private static int Own(QueryVector query) => (int)query.Values[0] * 1000;

    private static GraphTuning Measure(Func<QueryVector, int, int, (float Distance, int Slot)[]> graph, bool ignoreScanTiming = true) =>
        GraphCalibration.Measure(Queries, Truth, graph, targetRecall: 0.99, ignoreScanTiming, live: 5000, CancellationToken.None);

    [Fact]
    public void A_graph_that_answers_as_the_scan_does_is_used_at_the_narrowest_breadth()
    {
        var tuning = Measure((query, _, count) => Truth(query, count));
        Assert.Equal((16, true, 1.0, 5000), (tuning.Ef, tuning.GraphWins, tuning.MeasuredRecall, tuning.CalibratedAt));
    }

    [Fact]
    public void The_breadth_is_the_first_that_misses_at_most_the_allowed_answers()
    {
        // 200 answers at a target of 0.99 on self-queries (0.998): one miss is allowed, never fewer.
        var tuning = Measure((query, breadth, count) => breadth < 64 ? Missing(Truth(query, count), Own(query) == 0 ? 2 : 0) : Truth(query, count));
        Assert.Equal(64, tuning.Ef);
        Assert.True(tuning.GraphWins);

        var oneMiss = Measure((query, _, count) => Missing(Truth(query, count), Own(query) == 0 ? 1 : 0));
        Assert.Equal(16, oneMiss.Ef);
        Assert.Equal(199 / 200.0, oneMiss.MeasuredRecall);
    }

    [Fact]
    public void A_graph_that_never_reaches_the_bar_is_not_used()
    {
        var asked = new List<int>();
        var tuning = Measure((query, breadth, count) =>
        {
            asked.Add(breadth);
            return Missing(Truth(query, count), 1);
        });
        Assert.False(tuning.GraphWins);
        Assert.Equal(1024, tuning.Ef);
        Assert.Equal(0.9, tuning.MeasuredRecall, 1e-9);
        Assert.Equal([16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024], asked.Distinct());
    }

    [Fact]
    public void A_neighbour_tied_with_the_tenth_counts_as_found()
    {
        var tuning = Measure((query, _, count) =>
        {
            var answer = Truth(query, count);
            answer[^1] = (answer[^1].Distance, Own(query) + 999);
            return answer;
        });
        Assert.Equal(1.0, tuning.MeasuredRecall);
        Assert.True(tuning.GraphWins);
    }

    [Fact]
    public void A_graph_slower_than_the_scan_is_not_used()
    {
        var tuning = Measure((query, _, count) =>
        {
            Thread.Sleep(2);
            return Truth(query, count);
        }, ignoreScanTiming: false);
        Assert.False(tuning.GraphWins);
        Assert.Equal(16, tuning.Ef);
    }

    // The answer with its `misses` farthest true neighbours replaced by far-away strangers.
    private static (float Distance, int Slot)[] Missing((float Distance, int Slot)[] answer, int misses)
    {
        for (var i = 0; i < misses; i++)
        {
            answer[^(i + 1)] = (100f + i, -1 - i);
        }

        return answer;
    }
}
