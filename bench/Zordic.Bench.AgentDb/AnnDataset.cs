using System.Buffers.Binary;
using System.Numerics.Tensors;

namespace Zordic.Bench.AgentDb;

/// <summary>
/// An ANN benchmark set in the fvecs/ivecs layout of <c>../shared/data/ann/mnist-10k</c>: base and query vectors,
/// exact top-k ids per query, and optionally a label per base vector, a label per query and the exact top-10 among
/// base vectors with the query's label (the 10%-filtered case).
/// </summary>
internal sealed record AnnDataset(string Name, string Directory, Zordic.AgentDb.DistanceMetric Metric, float[][] Base, float[][] Queries, int[][] Truth, byte[]? BaseLabels, byte[]? QueryLabels, int[][]? FilteredTruth)
{
    public int Dimension => Base[0].Length;

    public static AnnDataset Load(string name, string directory, Zordic.AgentDb.DistanceMetric metric, int maxQueries)
    {
        var queries = ReadVectors(Path.Combine(directory, "query.fvecs"));
        var count = Math.Min(maxQueries, queries.Length);
        var labels = Path.Combine(directory, "base_labels.u8");
        return new AnnDataset(
            name, directory, metric,
            ReadVectors(Path.Combine(directory, "base.fvecs")),
            queries[..count],
            ReadIds(Path.Combine(directory, "gt.ivecs"))[..count],
            File.Exists(labels) ? File.ReadAllBytes(labels) : null,
            File.Exists(labels) ? File.ReadAllBytes(Path.Combine(directory, "query_labels.u8"))[..count] : null,
            File.Exists(labels) ? ReadIds(Path.Combine(directory, "gt_filt.ivecs"))[..count] : null);
    }

    /// <summary>Uniform random vectors in [-1, 1] with labels 0..9 (10% each), exact truth computed here.</summary>
    public static AnnDataset Random(string name, string directory, int count, int queries, int dimension, int seed)
    {
        var random = new Random(seed);
        float[] Next() => [.. Enumerable.Range(0, dimension).Select(_ => (float)((random.NextDouble() * 2) - 1))];
        var baseVectors = Enumerable.Range(0, count).Select(_ => Next()).ToArray();
        var queryVectors = Enumerable.Range(0, queries).Select(_ => Next()).ToArray();
        var labels = Enumerable.Range(0, count).Select(_ => (byte)random.Next(10)).ToArray();
        var queryLabels = Enumerable.Range(0, queries).Select(q => (byte)(q % 10)).ToArray();
        var (truth, filtered) = ExactCosineTruth(baseVectors, queryVectors, labels, queryLabels, 10);
        var dataset = new AnnDataset(name, directory, Zordic.AgentDb.DistanceMetric.Cosine, baseVectors, queryVectors, truth, labels, queryLabels, filtered);
        dataset.Write();
        return dataset;
    }

    private static (int[][] Truth, int[][] Filtered) ExactCosineTruth(float[][] baseVectors, float[][] queries, byte[] labels, byte[] queryLabels, int k)
    {
        var norms = baseVectors.Select(v => TensorPrimitives.Norm(v)).ToArray();
        var truth = new int[queries.Length][];
        var filtered = new int[queries.Length][];
        Parallel.For(0, queries.Length, q =>
        {
            var query = queries[q];
            var distances = new (float Distance, int Id)[baseVectors.Length];
            for (var i = 0; i < baseVectors.Length; i++)
            {
                distances[i] = (1 - (TensorPrimitives.Dot(baseVectors[i], query) / norms[i]), i);
            }

            Array.Sort(distances);
            truth[q] = [.. distances.Take(k).Select(d => d.Id)];
            filtered[q] = [.. distances.Where(d => labels[d.Id] == queryLabels[q]).Take(k).Select(d => d.Id)];
        });
        return (truth, filtered);
    }

    /// <summary>Writes the set in the shared layout so the node anchor reads the very same data.</summary>
    private void Write()
    {
        System.IO.Directory.CreateDirectory(Directory);
        WriteVectors(Path.Combine(Directory, "base.fvecs"), Base);
        WriteVectors(Path.Combine(Directory, "query.fvecs"), Queries);
        WriteIds(Path.Combine(Directory, "gt.ivecs"), Truth);
        WriteIds(Path.Combine(Directory, "gt_filt.ivecs"), FilteredTruth!);
        File.WriteAllBytes(Path.Combine(Directory, "base_labels.u8"), BaseLabels!);
        File.WriteAllBytes(Path.Combine(Directory, "query_labels.u8"), QueryLabels!);
    }

    private static float[][] ReadVectors(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var dimension = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        var row = 4 + (dimension * 4);
        return [.. Enumerable.Range(0, bytes.Length / row).Select(r => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes.AsSpan((r * row) + 4, dimension * 4)).ToArray())];
    }

    private static int[][] ReadIds(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var k = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        var row = 4 + (k * 4);
        return [.. Enumerable.Range(0, bytes.Length / row).Select(r => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(bytes.AsSpan((r * row) + 4, k * 4)).ToArray())];
    }

    private static void WriteVectors(string path, float[][] rows)
    {
        using var stream = File.Create(path);
        foreach (var v in rows)
        {
            stream.Write(BitConverter.GetBytes(v.Length));
            stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(v.AsSpan()));
        }
    }

    private static void WriteIds(string path, int[][] rows)
    {
        using var stream = File.Create(path);
        foreach (var v in rows)
        {
            stream.Write(BitConverter.GetBytes(v.Length));
            stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(v.AsSpan()));
        }
    }
}
