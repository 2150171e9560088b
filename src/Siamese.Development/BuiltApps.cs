namespace Siamese.Development;

/// <summary>
/// The product's apps as the build made them, each in its own output folder with its own dependencies
/// (artifacts/bin/{project}/{configuration}, beside the test assembly's own), for tests that run them as processes, as
/// the stack does. A test project references an app's project (ReferenceOutputAssembly="false") so that it is built first.
/// </summary>
public static class BuiltApps
{
    public static string TrainerDll => Dll("Siamese.Trainer");

    public static string LocalHostDll => Dll("Siamese.Functions.LocalHost");

    public static string CliDll => Dll("Siamese.Cli", "siamese");

    /// <summary>The output folder of the deployed functions app (its functions.metadata).</summary>
    public static string FunctionsAppFolder => Folder("Siamese.Functions");

    private static string Folder(string project)
    {
        var own = new DirectoryInfo(AppContext.BaseDirectory); // artifacts/bin/{test project}/{configuration}
        return Path.Combine(own.Parent!.Parent!.FullName, project, own.Name);
    }

    private static string Dll(string project, string? assembly = null) => Path.Combine(Folder(project), (assembly ?? project) + ".dll");
}
