using Microsoft.Extensions.Configuration;

namespace Siamese.Functions.Triggers;

/// <summary>
/// The worker app's host.json, which both hosts ship next to their assemblies. Read apart from the app's configuration
/// (its logging section is the Functions host's, not the app's), with the app settings that override it as they do in
/// Azure (AzureFunctionsJobHost__extensions__queues__visibilityTimeout, say).
/// </summary>
public static class HostJson
{
    public const string FileName = "host.json";

    /// <summary>The prefix of an app setting that overrides a host.json value.</summary>
    public const string OverridePrefix = "AzureFunctionsJobHost";

    public static IConfiguration Read(IConfiguration? settings = null)
    {
        var builder = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, FileName), optional: false);
        if (settings is not null)
            builder.AddInMemoryCollection(settings.GetSection(OverridePrefix).AsEnumerable(makePathsRelative: true)
                .Where(setting => setting.Value is not null));
        return builder.Build();
    }
}
