using Siamese.Model.Torch;

namespace Siamese.Development;

/// <summary>
/// Makes the tests' training reproducible: LibTorch's CPU work single-threaded (MKL_NUM_THREADS=1 and
/// OMP_NUM_THREADS=1) unless the environment says otherwise, and on AMD Zen 5 limited to AVX2 as the trainer does
/// (<see cref="CpuKernels"/>: there AVX-512 gradients came out different, and now and then non-finite, even on one thread
/// when the machine was busy). One thread keeps runs bit for bit comparable whatever order the kernels reduce in, and
/// two cores are shared by test assemblies running in parallel anyway. The variables must be in the process environment
/// before LibTorch starts, so they are set when a test assembly loads; trainer processes the tests start inherit them.
/// </summary>
/// <remarks>
/// Each test assembly calls <see cref="KeepTorchSingleThreaded"/> from a module initializer that
/// tests/Directory.Build.targets generates into it. This library has no initializer of its own: the benchmarks reference
/// it and measure the product, threaded.
/// </remarks>
public static class TorchThreads
{
    public static readonly IReadOnlyList<string> Variables = ["MKL_NUM_THREADS", "OMP_NUM_THREADS"];

    public static void KeepTorchSingleThreaded()
    {
        CpuKernels.AvoidFaultyAvx512();
        foreach (string variable in Variables) NativeEnvironment.SetIfUnset(variable, "1");
    }
}
