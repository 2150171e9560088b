using System.Runtime.InteropServices;

namespace Siamese.Testing;

/// <summary>
/// Makes the tests' training reproducible: MKL's matrix products single-threaded (MKL_NUM_THREADS=1) unless the
/// environment says otherwise. On an AMD Zen 5 machine LibTorch 2.10's CPU convolution backward, through MKL's threaded
/// sgemm, returned different and often non-finite gradients for the same input with two threads (up to 44 % apart, NaN
/// in 20-50 % of 100 repeats), never with one; forward passes were exact. The product keeps MKL threaded (a single
/// thread made in-batch training about three times slower) and repeats a non-finite step on one thread instead (see
/// TrainingStep); tests that compare runs bit for bit need every step exact. The variable must be in the process
/// environment before MKL starts, so it is set when a test assembly loads, with libc's setenv (.NET's
/// Environment.SetEnvironmentVariable does not reach native code on Linux); trainer processes the tests start inherit it.
/// </summary>
/// <remarks>
/// Each test assembly calls <see cref="KeepMklSingleThreaded"/> from a module initializer that tests/Directory.Build.targets
/// generates into it. This library has no initializer of its own: the benchmarks reference it and measure the product,
/// MKL threaded.
/// </remarks>
public static class TorchThreads
{
    public const string Variable = "MKL_NUM_THREADS";

    public static void KeepMklSingleThreaded()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Variable) is not null) return;
        _ = SetEnvironment(Variable, "1", overwrite: 0);
        Environment.SetEnvironmentVariable(Variable, "1"); // and in .NET's view of the environment, so child processes inherit it
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnvironment(
        [MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
