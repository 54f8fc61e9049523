using System.Buffers;
using System.Numerics.Tensors;

namespace Zordic.AgentDb.Index;

/// <summary>
/// A query prepared once for a collection: unit length for cosine, plus i8 codes when quantized. Its buffer is
/// pooled, because a fresh 3 KB copy per search was most of a search's garbage (and of its p99 GC pauses).
/// </summary>
internal sealed class QueryVector : IDisposable
{
    private float[]? _buffer;
    private readonly int _length;

    /// <summary>Takes ownership of <paramref name="buffer"/> (rented from the shared pool when <paramref name="pooled"/>).</summary>
    private QueryVector(float[] buffer, int length, Quantization quantization, bool pooled)
    {
        _buffer = buffer;
        _length = length;
        Pooled = pooled;
        SquaredNorm = TensorPrimitives.Dot(Values, Values);
        if (quantization == Quantization.I8)
        {
            Codes = new sbyte[length];
            Scale = VectorKernels.QuantizeI8(Values, Codes);
        }
        else
        {
            Codes = [];
        }
    }

    public ReadOnlySpan<float> Values => new(_buffer ?? throw new ObjectDisposedException(nameof(QueryVector)), 0, _length);

    public sbyte[] Codes { get; }

    public float Scale { get; }

    public float SquaredNorm { get; }

    private bool Pooled { get; }

    /// <summary>A query over an array the caller hands over (not pooled).</summary>
    public static QueryVector Of(float[] prepared, Quantization quantization) => new(prepared, prepared.Length, quantization, pooled: false);

    /// <summary>Copies <paramref name="vector"/> into a pooled buffer, normalising it for cosine.</summary>
    public static QueryVector Prepare(ReadOnlySpan<float> vector, bool normalize, Quantization quantization)
    {
        var buffer = ArrayPool<float>.Shared.Rent(vector.Length);
        var values = buffer.AsSpan(0, vector.Length);
        vector.CopyTo(values);
        if (normalize)
        {
            VectorKernels.Normalize(values);
        }

        return new QueryVector(buffer, vector.Length, quantization, pooled: true);
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null && Pooled)
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }
}
