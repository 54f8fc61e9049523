using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zordic.AgentDb.Index;

/// <summary>
/// An HNSW graph held by USearch's native library, keyed by the documents' storage keys. USearch supports
/// concurrent adds and searches; growing capacity and removing are done by the caller under an exclusive lock.
/// Vector lengths are checked here because USearch would read past a short vector without complaint.
/// </summary>
internal sealed unsafe class HnswIndex : IDisposable
{
    private nint _handle;

    private HnswIndex(nint handle, int dimension, UsearchNative.ScalarKind scalar)
    {
        _handle = handle;
        Dimension = dimension;
        Scalar = scalar;
    }

    /// <summary>USearch keeps one search context per concurrent caller; more callers than this would wait.</summary>
    private const int MaxConcurrentCalls = 32;

    public int Dimension { get; }

    public UsearchNative.ScalarKind Scalar { get; }

    public long Size => (long)UsearchNative.Size(Handle, out var error) + Checked(error, "size");

    public long Capacity => (long)UsearchNative.Capacity(Handle, out var error) + Checked(error, "capacity");

    /// <summary>Bytes the native index holds (graph and its copy of the vectors).</summary>
    public long MemoryUsage => (long)UsearchNative.MemoryUsage(Handle, out var error) + Checked(error, "memory_usage");

    private nint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(nameof(HnswIndex));

    public static HnswIndex Create(int dimension, UsearchNative.MetricKind metric, UsearchNative.ScalarKind scalar, int connectivity, int expansionAdd)
    {
        var options = new UsearchNative.InitOptions
        {
            MetricKind = metric,
            Quantization = scalar,
            Dimensions = (nuint)dimension,
            Connectivity = (nuint)connectivity,
            ExpansionAdd = (nuint)expansionAdd,
            ExpansionSearch = 16,
        };
        var handle = UsearchNative.Init(ref options, out var error);
        UsearchNative.Check(error, "init");
        var index = new HnswIndex(handle, dimension, scalar);
        index.SetThreads(MaxConcurrentCalls);
        return index;
    }

    /// <summary>Loads a saved index into a freshly created one of the same shape; throws if the file is bad.</summary>
    public void Load(string path)
    {
        UsearchNative.Load(Handle, path, out var error);
        UsearchNative.Check(error, "load");
        SetThreads(MaxConcurrentCalls);
    }

    public void Save(string path)
    {
        UsearchNative.Save(Handle, path, out var error);
        UsearchNative.Check(error, "save");
    }

    /// <summary>Grows capacity; not safe concurrently with any other call.</summary>
    public void Reserve(long capacity)
    {
        UsearchNative.Reserve(Handle, (nuint)capacity, out var error);
        UsearchNative.Check(error, "reserve");

        // Reserving resets the per-thread contexts to the core count; concurrent callers need more.
        SetThreads(MaxConcurrentCalls);
    }

    public void Add(ulong key, ReadOnlySpan<float> vector)
    {
        CheckLength(vector.Length);
        fixed (float* v = vector)
        {
            UsearchNative.Add(Handle, key, v, UsearchNative.ScalarKind.F32, out var error);
            UsearchNative.Check(error, "add");
        }
    }

    public bool Contains(ulong key)
    {
        var found = UsearchNative.Contains(Handle, key, out var error);
        UsearchNative.Check(error, "contains");
        return found;
    }

    public bool Remove(ulong key)
    {
        var removed = UsearchNative.Remove(Handle, key, out var error);
        UsearchNative.Check(error, "remove");
        return removed > 0;
    }

    /// <summary>
    /// Top-<paramref name="count"/> search. USearch explores max(expansion, count) candidates, so asking for
    /// more results is how a caller raises the search breadth per query without touching shared settings.
    /// </summary>
    public int Search(ReadOnlySpan<float> query, int count, Span<ulong> keys, Span<float> distances)
    {
        CheckLength(query.Length);
        fixed (float* q = query)
        fixed (ulong* k = keys)
        fixed (float* d = distances)
        {
            var found = UsearchNative.Search(Handle, q, UsearchNative.ScalarKind.F32, (nuint)count, k, d, out var error);
            UsearchNative.Check(error, "search");
            return (int)found;
        }
    }

    /// <summary>Search that only admits keys whose bit is set in <paramref name="allowedKeys"/>.</summary>
    public int FilteredSearch(ReadOnlySpan<float> query, int count, ulong[] allowedKeys, Span<ulong> keys, Span<float> distances)
    {
        CheckLength(query.Length);
        fixed (float* q = query)
        fixed (ulong* k = keys)
        fixed (float* d = distances)
        fixed (ulong* bits = allowedKeys)
        {
            var state = new KeyBitset { Bits = bits, Words = (ulong)allowedKeys.Length };
            var found = UsearchNative.FilteredSearch(Handle, q, UsearchNative.ScalarKind.F32, (nuint)count, &Admit, &state, k, d, out var error);
            UsearchNative.Check(error, "filtered_search");
            return (int)found;
        }
    }

    public void Dispose()
    {
        var handle = Interlocked.Exchange(ref _handle, 0);
        if (handle != 0)
        {
            UsearchNative.Free(handle, out _);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Admit(ulong key, void* state)
    {
        var bitset = (KeyBitset*)state;
        var word = key >> 6;
        return word < bitset->Words && (bitset->Bits[word] & (1UL << (int)(key & 63))) != 0 ? 1 : 0;
    }

    private void SetThreads(int threads)
    {
        UsearchNative.ChangeThreadsAdd(Handle, (nuint)threads, out var error);
        UsearchNative.Check(error, "change_threads_add");
        UsearchNative.ChangeThreadsSearch(Handle, (nuint)threads, out error);
        UsearchNative.Check(error, "change_threads_search");
    }

    private void CheckLength(int length)
    {
        if (length != Dimension)
        {
            throw new ArgumentException($"vector has {length} dimensions, the index expects {Dimension}");
        }
    }

    private static long Checked(nint error, string operation)
    {
        UsearchNative.Check(error, operation);
        return 0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct KeyBitset
    {
        public ulong* Bits;
        public ulong Words;
    }
}
