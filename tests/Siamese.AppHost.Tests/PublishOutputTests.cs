using System.Diagnostics;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;

namespace Siamese.AppHost.Tests;

/// <summary>
/// What `dotnet publish` gives Azure, whatever machine runs it: linux-x64 natives only, without the LibTorch libraries
/// the product never loads, and a libLibTorchSharp.so that loads on Debian 12 (its GLIBCXX_3.4.32 need weak).
/// </summary>
public sealed partial class PublishOutputTests(PublishedApps published) : IClassFixture<PublishedApps>
{
    public static TheoryData<string> Apps => new() { "functions", "trainer" };

    [Theory]
    [MemberData(nameof(Apps))]
    public void Only_linux_x64_natives_are_published(string app)
    {
        string folder = published.Folder(app);
        string[] files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
        string[] otherPlatforms = [.. files.Select(f => Path.GetRelativePath(folder, f)).Where(f => OtherPlatform().IsMatch(f))];
        string[] nativeDlls = [.. files.Where(f => f.EndsWith(".dll", StringComparison.Ordinal) && !IsManaged(f))];

        Assert.Empty(otherPlatforms);
        Assert.Empty(nativeDlls);
        Assert.DoesNotContain(files, f => f.EndsWith(".dylib", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(folder, "libLibTorchSharp.so")), "libLibTorchSharp.so at the root");
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void LibTorch_libraries_the_product_never_loads_are_left_out(string app)
    {
        string folder = published.Folder(app);
        string[] names = [.. Directory.GetFiles(folder, "*.so*", SearchOption.AllDirectories).Select(Path.GetFileName)!];
        string deps = File.ReadAllText(Directory.GetFiles(folder, "Siamese.*.deps.json").Single());

        Assert.DoesNotContain(names, n => Unused().IsMatch(n));
        Assert.DoesNotMatch(Unused(), deps);
        // What libLibTorchSharp.so and libtorch_cpu.so need (readelf -d) is there.
        Assert.Superset(new HashSet<string> { "libtorch.so", "libtorch_cpu.so", "libc10.so" }, names.ToHashSet());
        Assert.Contains(names, n => n.StartsWith("libgomp", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void LibTorchSharp_needs_GLIBCXX_3_4_32_only_weakly(string app)
    {
        byte[] library = File.ReadAllBytes(Path.Combine(published.Folder(app), "libLibTorchSharp.so"));

        IReadOnlyList<ushort> flags = WeakenElfVersionNeed.VersionNeedFlags(library, "GLIBCXX_3.4.32");

        Assert.NotEmpty(flags);
        Assert.All(flags, f => Assert.True((f & WeakenElfVersionNeed.VerFlagWeak) != 0, $"vna_flags {f:x}"));
    }

    [Fact]
    public async Task The_published_trainer_loads_torch_on_this_machine()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(published.Trainer, "Siamese.Trainer.dll"), "info"])
        {
            WorkingDirectory = published.Trainer,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{stdout}\n{await stderr}");
        // The parameter count comes from a network built by LibTorch.
        Assert.Contains("Trainable parameters: 11,697,675", stdout);
    }

    private static bool IsManaged(string dll)
    {
        using var reader = new PEReader(File.OpenRead(dll));
        return reader.HasMetadata;
    }

    // Native folders of other platforms. (The Functions SDK's host extensions, .azurefunctions/, keep a few managed
    // assemblies under runtimes/win/lib: managed code, no natives.)
    [GeneratedRegex(@"(^|/)runtimes/(win-|osx)")]
    private static partial Regex OtherPlatform();

    [GeneratedRegex(@"lib(torch_python|nnapi_backend|backend_with_compiler|aoti_custom_ops)\.so|_test\.so")]
    private static partial Regex Unused();
}
