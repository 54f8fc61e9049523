using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Zordic.AgentDb.Index;

/// <summary>Allocation-free SIMD distance kernels shared by the scans and the re-ranker.</summary>
internal static class VectorKernels
{
    /// <summary>Squared Euclidean distance.</summary>
    public static float L2Squared(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        ref var px = ref MemoryMarshal.GetReference(x);
        ref var py = ref MemoryMarshal.GetReference(y);
        var n = x.Length;
        var i = 0;
        float sum;
        if (Vector512.IsHardwareAccelerated && n >= 32)
        {
            var acc0 = Vector512<float>.Zero;
            var acc1 = Vector512<float>.Zero;
            for (; i <= n - 32; i += 32)
            {
                var d0 = Vector512.LoadUnsafe(ref px, (nuint)i) - Vector512.LoadUnsafe(ref py, (nuint)i);
                var d1 = Vector512.LoadUnsafe(ref px, (nuint)(i + 16)) - Vector512.LoadUnsafe(ref py, (nuint)(i + 16));
                acc0 = Vector512.FusedMultiplyAdd(d0, d0, acc0);
                acc1 = Vector512.FusedMultiplyAdd(d1, d1, acc1);
            }

            sum = Vector512.Sum(acc0 + acc1);
        }
        else if (Vector256.IsHardwareAccelerated && n >= 16)
        {
            var acc0 = Vector256<float>.Zero;
            var acc1 = Vector256<float>.Zero;
            for (; i <= n - 16; i += 16)
            {
                var d0 = Vector256.LoadUnsafe(ref px, (nuint)i) - Vector256.LoadUnsafe(ref py, (nuint)i);
                var d1 = Vector256.LoadUnsafe(ref px, (nuint)(i + 8)) - Vector256.LoadUnsafe(ref py, (nuint)(i + 8));
                acc0 = Vector256.FusedMultiplyAdd(d0, d0, acc0);
                acc1 = Vector256.FusedMultiplyAdd(d1, d1, acc1);
            }

            sum = Vector256.Sum(acc0 + acc1);
        }
        else
        {
            sum = 0;
        }

        for (; i < n; i++)
        {
            var d = Unsafe.Add(ref px, i) - Unsafe.Add(ref py, i);
            sum += d * d;
        }

        return sum;
    }

    /// <summary>Dot product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y) => TensorPrimitives.Dot(x, y);

    /// <summary>Dot product of two signed-byte vectors, exact in 32-bit integers.</summary>
    public static int DotI8(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> y)
    {
        ref var px = ref MemoryMarshal.GetReference(x);
        ref var py = ref MemoryMarshal.GetReference(y);
        var n = x.Length;
        var i = 0;
        var sum = 0;
        if (Avx512BW.IsSupported && n >= 32)
        {
            var acc = Vector512<int>.Zero;
            for (; i <= n - 32; i += 32)
            {
                var a = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref px, (nuint)i));
                var b = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref py, (nuint)i));
                acc += Avx512BW.MultiplyAddAdjacent(a, b);
            }

            sum = Vector512.Sum(acc);
        }
        else if (Avx2.IsSupported && n >= 16)
        {
            var acc = Vector256<int>.Zero;
            for (; i <= n - 16; i += 16)
            {
                var a = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref px, (nuint)i));
                var b = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref py, (nuint)i));
                acc += Avx2.MultiplyAddAdjacent(a, b);
            }

            sum = Vector256.Sum(acc);
        }

        for (; i < n; i++)
        {
            sum += Unsafe.Add(ref px, i) * Unsafe.Add(ref py, i);
        }

        return sum;
    }

    /// <summary>Quantizes to signed bytes with one scale: <c>x ≈ scale · q</c>.</summary>
    public static float QuantizeI8(ReadOnlySpan<float> x, Span<sbyte> q)
    {
        var maxAbs = TensorPrimitives.MaxMagnitude(x);
        maxAbs = MathF.Abs(maxAbs);
        if (maxAbs == 0)
        {
            q.Clear();
            return 0;
        }

        var inv = 127f / maxAbs;
        for (var i = 0; i < x.Length; i++)
        {
            q[i] = (sbyte)Math.Clamp(MathF.Round(x[i] * inv), -127f, 127f);
        }

        return maxAbs / 127f;
    }

    /// <summary>Scales <paramref name="x"/> to unit length in place; a zero vector stays zero.</summary>
    public static void Normalize(Span<float> x)
    {
        var norm = TensorPrimitives.Norm(x);
        if (norm > 0)
        {
            TensorPrimitives.Divide(x, norm, x);
        }
    }
}
