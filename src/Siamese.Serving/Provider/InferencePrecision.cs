namespace Siamese.Serving.Provider;

/// <summary>The number format served models compute in (Serving:Precision); see <see cref="PrecisionChoice"/>.</summary>
public enum InferencePrecision
{
    /// <summary>bfloat16 where the CPU has instructions for it and a timed pass finds it faster; float32 elsewhere.</summary>
    Auto,

    /// <summary>Always float32.</summary>
    Float32,

    /// <summary>Always bfloat16 (slower than float32 on a CPU without AMX or AVX-512-BF16, which emulates it).</summary>
    BFloat16,
}
