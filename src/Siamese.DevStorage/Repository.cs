namespace Siamese.DevStorage;

/// <summary>The root of this repository, found from a folder inside it (a build output, the AppHost's folder).</summary>
public static class Repository
{
    /// <summary>The file that marks the root.</summary>
    public const string Marker = "Siamese.sln";

    /// <summary>The root above the running program's folder (a test's or a benchmark's build output).</summary>
    public static string Root => Find(AppContext.BaseDirectory);

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds <see cref="Marker"/>.</summary>
    public static string Find(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, Marker))) return directory.FullName;
        throw new InvalidOperationException($"No {Marker} above {start}: run this from inside the repository.");
    }
}
