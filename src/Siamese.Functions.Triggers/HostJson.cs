using Microsoft.Extensions.Configuration;

namespace Siamese.Functions.Triggers;

/// <summary>
/// The worker app's host.json, which both hosts ship next to their assemblies. Read apart from the app's configuration
/// (its logging section is the Functions host's, not the app's).
/// </summary>
public static class HostJson
{
    public const string FileName = "host.json";

    public static IConfiguration Read() =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, FileName), optional: false).Build();
}
