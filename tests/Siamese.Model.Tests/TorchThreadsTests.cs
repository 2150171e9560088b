using Siamese.Testing;

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
}
