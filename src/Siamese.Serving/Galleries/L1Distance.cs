using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Siamese.Serving.Galleries;

/// <summary>
/// The L1 distance Σ|a−b| of two embeddings with SIMD: the widest vectors the CPU accelerates (512, 256 or 128 bits), four
/// accumulators (independent adds keep the pipeline full), a scalar tail. Its summation order depends only on the length
/// and the CPU, so a scan and a brute-force reference on one machine give bit-identical distances.
/// </summary>
public static class L1Distance
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Between(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) ThrowLengthsDiffer(a.Length, b.Length);
        ref float x = ref MemoryMarshal.GetReference(a);
        ref float y = ref MemoryMarshal.GetReference(b);
        int length = a.Length, i = 0;
        float sum = 0;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<float>.Count)
        {
            i = length & ~(Vector512<float>.Count - 1);
            sum = Sum512(ref x, ref y, i);
        }
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<float>.Count)
        {
            i = length & ~(Vector256<float>.Count - 1);
            sum = Sum256(ref x, ref y, i);
        }
        else if (Vector128.IsHardwareAccelerated && length >= Vector128<float>.Count)
        {
            i = length & ~(Vector128<float>.Count - 1);
            sum = Sum128(ref x, ref y, i);
        }
        for (; i < length; i++) sum += MathF.Abs(At(ref x, i) - At(ref y, i));
        return sum;
    }

    /// <summary>The sum over the first <paramref name="length"/> values, a multiple of the vector width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Sum512(ref float x, ref float y, int length)
    {
        int i = 0;
        const int width = 16;
        Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default;
        for (; i <= length - 4 * width; i += 4 * width)
        {
            s0 += AbsDiff512(ref x, ref y, i);
            s1 += AbsDiff512(ref x, ref y, i + width);
            s2 += AbsDiff512(ref x, ref y, i + 2 * width);
            s3 += AbsDiff512(ref x, ref y, i + 3 * width);
        }
        for (; i <= length - width; i += width)
            s0 += AbsDiff512(ref x, ref y, i);
        return Vector512.Sum((s0 + s1) + (s2 + s3));
    }

    /// <summary>The sum over the first <paramref name="length"/> values, a multiple of the vector width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Sum256(ref float x, ref float y, int length)
    {
        int i = 0;
        const int width = 8;
        Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
        for (; i <= length - 4 * width; i += 4 * width)
        {
            s0 += AbsDiff256(ref x, ref y, i);
            s1 += AbsDiff256(ref x, ref y, i + width);
            s2 += AbsDiff256(ref x, ref y, i + 2 * width);
            s3 += AbsDiff256(ref x, ref y, i + 3 * width);
        }
        for (; i <= length - width; i += width)
            s0 += AbsDiff256(ref x, ref y, i);
        return Vector256.Sum((s0 + s1) + (s2 + s3));
    }

    /// <summary>The sum over the first <paramref name="length"/> values, a multiple of the vector width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Sum128(ref float x, ref float y, int length)
    {
        int i = 0;
        const int width = 4;
        Vector128<float> s0 = default, s1 = default;
        for (; i <= length - 2 * width; i += 2 * width)
        {
            s0 += AbsDiff128(ref x, ref y, i);
            s1 += AbsDiff128(ref x, ref y, i + width);
        }
        for (; i <= length - width; i += width)
            s0 += AbsDiff128(ref x, ref y, i);
        return Vector128.Sum(s0 + s1);
    }

    [DoesNotReturn]
    private static void ThrowLengthsDiffer(int a, int b) =>
        throw new ArgumentException($"Embeddings of {a} and {b} values have no distance.");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> AbsDiff512(ref float x, ref float y, int i) =>
        Vector512.Abs(Vector512.LoadUnsafe(ref x, (nuint)i) - Vector512.LoadUnsafe(ref y, (nuint)i));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> AbsDiff256(ref float x, ref float y, int i) =>
        Vector256.Abs(Vector256.LoadUnsafe(ref x, (nuint)i) - Vector256.LoadUnsafe(ref y, (nuint)i));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> AbsDiff128(ref float x, ref float y, int i) =>
        Vector128.Abs(Vector128.LoadUnsafe(ref x, (nuint)i) - Vector128.LoadUnsafe(ref y, (nuint)i));

    private static float At(ref float start, int index) => System.Runtime.CompilerServices.Unsafe.Add(ref start, index);
}
