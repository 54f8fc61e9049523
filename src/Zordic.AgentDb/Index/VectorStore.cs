using System.Numerics.Tensors;

namespace Zordic.AgentDb.Index;

/// <summary>
/// The in-memory vectors of a collection, one slot per document in insertion order, in the collection's
/// quantization: float32, float16, or signed bytes with a per-vector scale and the exact squared norm (which
/// keeps the i8 L2 estimate unbiased). Vectors are stored "prepared": unit length for cosine.
/// Callers synchronise: appends happen under the collection's write lock.
/// </summary>
internal sealed class VectorStore
{
    private float[] _f32 = [];
    private Half[] _f16 = [];
    private sbyte[] _i8 = [];
    private float[] _scale = [];
    private float[] _squaredNorm = [];

    public VectorStore(int dimension, Quantization quantization, bool l2)
    {
        Dimension = dimension;
        Quantization = quantization;
        L2 = l2;
    }

    public int Dimension { get; }

    public Quantization Quantization { get; }

    public bool L2 { get; }

    public int Count { get; private set; }

    /// <summary>Bytes held for vectors (what the quantization saves).</summary>
    public long Bytes => Quantization switch
    {
        Quantization.F32 => (long)Count * Dimension * 4,
        Quantization.F16 => (long)Count * Dimension * 2,
        _ => (long)Count * (Dimension + 8),
    };

    /// <summary>Whether scan distances are exact (no re-ranking needed).</summary>
    public bool IsExact => Quantization == Quantization.F32;

    public void Add(ReadOnlySpan<float> prepared)
    {
        EnsureCapacity(Count + 1);
        var d = Dimension;
        switch (Quantization)
        {
            case Quantization.F32:
                prepared.CopyTo(_f32.AsSpan(Count * d, d));
                break;
            case Quantization.F16:
                TensorPrimitives.ConvertToHalf(prepared, _f16.AsSpan(Count * d, d));
                break;
            default:
                _scale[Count] = VectorKernels.QuantizeI8(prepared, _i8.AsSpan(Count * d, d));
                _squaredNorm[Count] = TensorPrimitives.Dot(prepared, prepared);
                break;
        }

        Count++;
    }

    /// <summary>Writes the slot's vector (decoded when quantized) into <paramref name="destination"/>.</summary>
    public void Decode(int slot, Span<float> destination)
    {
        var d = Dimension;
        switch (Quantization)
        {
            case Quantization.F32:
                _f32.AsSpan(slot * d, d).CopyTo(destination);
                break;
            case Quantization.F16:
                TensorPrimitives.ConvertToSingle(_f16.AsSpan(slot * d, d), destination);
                break;
            default:
                var q = _i8.AsSpan(slot * d, d);
                var s = _scale[slot];
                for (var i = 0; i < d; i++)
                {
                    destination[i] = q[i] * s;
                }

                break;
        }
    }

    public ReadOnlySpan<float> F32(int slot) => _f32.AsSpan(slot * Dimension, Dimension);

    /// <summary>
    /// Asks the CPU to start loading the slot's f32 vector. Re-scoring a handful of graph hits reads vectors
    /// the walk never touched; issuing all their loads first lets the memory system fetch them in parallel.
    /// </summary>
    public unsafe void Prefetch(int slot)
    {
        if (Quantization != Quantization.F32 || !System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            return;
        }

        fixed (float* start = &_f32[slot * Dimension])
        {
            var bytes = (byte*)start;
            for (var offset = 0; offset < Dimension * sizeof(float); offset += 64)
            {
                System.Runtime.Intrinsics.X86.Sse.Prefetch0(bytes + offset);
            }
        }
    }

    /// <summary>The rank distance (1 − dot, or squared L2) from the slot to the query, exact or estimated.</summary>
    public float Distance(int slot, in QueryVector query, Span<float> scratch)
    {
        var d = Dimension;
        switch (Quantization)
        {
            case Quantization.F32:
                var v = _f32.AsSpan(slot * d, d);
                return L2 ? VectorKernels.L2Squared(v, query.Values) : 1f - VectorKernels.Dot(v, query.Values);
            case Quantization.F16:
                TensorPrimitives.ConvertToSingle(_f16.AsSpan(slot * d, d), scratch);
                return L2 ? VectorKernels.L2Squared(scratch, query.Values) : 1f - VectorKernels.Dot(scratch, query.Values);
            default:
                var dot = VectorKernels.DotI8(_i8.AsSpan(slot * d, d), query.Codes) * _scale[slot] * query.Scale;
                return L2 ? _squaredNorm[slot] + query.SquaredNorm - (2 * dot) : 1f - dot;
        }
    }

    private void EnsureCapacity(int needed)
    {
        var capacity = Quantization switch
        {
            Quantization.F32 => _f32.Length,
            Quantization.F16 => _f16.Length,
            _ => _i8.Length,
        } / Dimension;
        if (needed <= capacity)
        {
            return;
        }

        var grown = Math.Max(needed, Math.Max(256, capacity * 2));
        switch (Quantization)
        {
            case Quantization.F32:
                Array.Resize(ref _f32, grown * Dimension);
                break;
            case Quantization.F16:
                Array.Resize(ref _f16, grown * Dimension);
                break;
            default:
                Array.Resize(ref _i8, grown * Dimension);
                Array.Resize(ref _scale, grown);
                Array.Resize(ref _squaredNorm, grown);
                break;
        }
    }

    public void Reserve(int count) => EnsureCapacity(count);
}
