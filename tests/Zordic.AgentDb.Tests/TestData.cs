using Zordic.AgentDb.Collections;

namespace Zordic.AgentDb.Tests;

/// <summary>A scratch directory deleted after the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => System.IO.Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "zordic-agentdb-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Seeded synthetic data: clustered vectors (like real embeddings) with a label and tags.</summary>
internal static class TestData
{
    public static float[][] Clustered(int count, int dimension, int seed, int clusters = 20)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, clusters).Select(_ => Enumerable.Range(0, dimension).Select(_ => (float)Gaussian(random) * 3).ToArray()).ToArray();
        return Enumerable.Range(0, count).Select(i =>
        {
            var centre = centres[random.Next(clusters)];
            return centre.Select(c => c + (float)Gaussian(random)).ToArray();
        }).ToArray();
    }

    public static AgentDocument[] Documents(float[][] vectors, string prefix = "doc") =>
        [.. vectors.Select((v, i) => AgentDocument.Create($"{prefix}{i}", v, new
        {
            label = i % 10,
            tags = i % 3 == 0 ? new[] { "lofi", "jazz" } : new[] { "rock" },
            rating = i % 7 * 0.75,
            is_public = i % 2 == 0,
        }))];

    /// <summary>Exact nearest ids by brute force in double precision, ties broken by id.</summary>
    public static string[] BruteForce(AgentDocument[] documents, float[] query, int k, DistanceMetric metric, Func<AgentDocument, bool>? where = null) =>
        [.. documents.Where(d => where?.Invoke(d) ?? true)
            .Select(d => (d.Id, Distance: Distance(d.Embedding, query, metric)))
            .OrderBy(p => p.Distance).ThenBy(p => p.Id, StringComparer.Ordinal)
            .Take(k).Select(p => p.Id)];

    public static double Distance(float[] x, float[] y, DistanceMetric metric)
    {
        double dot = 0, xx = 0, yy = 0, l2 = 0;
        for (var i = 0; i < x.Length; i++)
        {
            dot += (double)x[i] * y[i];
            xx += (double)x[i] * x[i];
            yy += (double)y[i] * y[i];
            l2 += ((double)x[i] - y[i]) * ((double)x[i] - y[i]);
        }

        return metric switch
        {
            DistanceMetric.Cosine => 1 - (dot / Math.Sqrt(xx * yy)),
            DistanceMetric.L2 => Math.Sqrt(l2),
            _ => 1 - dot,
        };
    }

    public static double Recall(IEnumerable<string> found, string[] truth) => truth.Length == 0 ? 1 : (double)found.Count(truth.Contains) / truth.Length;

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
