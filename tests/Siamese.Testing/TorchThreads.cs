using System.Runtime.InteropServices;

namespace Siamese.Testing;

/// <summary>
/// Makes the tests' training reproducible: LibTorch's CPU work single-threaded (MKL_NUM_THREADS=1 and
/// OMP_NUM_THREADS=1) unless the environment says otherwise. On an AMD Zen 5 machine LibTorch 2.10's CPU convolution
/// backward, through MKL's threaded sgemm, returned different and often non-finite gradients for the same input with two
/// threads (up to 44 % apart, NaN in 20-50 % of 100 repeats), never with one; forward passes were exact. With MKL alone on
/// one thread a rare step still came out non-finite under OpenMP's two threads, and was skipped, so a run's history had
/// one loss fewer than its steps. The product keeps both threaded (a single thread made in-batch training about three
/// times slower) and repeats a non-finite step on one thread instead (see TrainingStep); tests that compare runs bit for
/// bit need every step exact. The variables must be in the process environment before LibTorch starts, so they are set
/// when a test assembly loads, with libc's setenv (.NET's Environment.SetEnvironmentVariable does not reach native code
/// on Linux); trainer processes the tests start inherit them.
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
        if (!OperatingSystem.IsLinux()) return;
        foreach (string variable in Variables.Where(v => Environment.GetEnvironmentVariable(v) is null))
        {
            _ = SetEnvironment(variable, "1", overwrite: 0);
            Environment.SetEnvironmentVariable(variable, "1"); // and in .NET's view of the environment, so child processes inherit it
        }
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnvironment(
        [MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
