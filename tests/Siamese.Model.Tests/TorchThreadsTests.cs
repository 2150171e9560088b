using Siamese.Model.Torch;

namespace Siamese.Model.Tests;

/// <summary>The module initializer tests/Directory.Build.targets generates into every test assembly has run.</summary>
public class TorchThreadsTests
{
    [Fact]
    public void Torch_is_single_threaded_in_the_tests_unless_the_environment_says_otherwise()
    {
        Assert.All(TorchThreads.Variables, variable => Assert.False(string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)),
            $"{variable} is not set: the test assembly's initializer did not run"));
    }

    [SkippableFact]
    public void On_AMD_Zen_5_torch_is_limited_to_AVX2_unless_the_environment_says_otherwise()
    {
        Skip.IfNot(CpuKernels.IsAmdZen5(), "this CPU is not AMD Zen 5: nothing is limited here, which the next test shows");
        Assert.Contains(CpuKernels.Avx2Only.Keys, name => Environment.GetEnvironmentVariable(name) is not null);
    }

    [SkippableFact]
    public void AMD_Zen_5_is_recognised_by_the_vendor_and_family_that_Linux_reads_from_CPUID()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "the reference is Linux's /proc/cpuinfo");
        string[] cpu = File.ReadAllLines("/proc/cpuinfo");
        bool zen5 = cpu.Contains("vendor_id\t: AuthenticAMD") && cpu.Contains("cpu family\t: 26");
        Assert.Equal(zen5, CpuKernels.IsAmdZen5());
        if (!zen5) Assert.Empty(CpuKernels.AvoidFaultyAvx512());
    }
}
