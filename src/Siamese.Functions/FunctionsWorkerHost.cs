using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Siamese.Functions.Triggers.Extensions;

namespace Siamese.Functions;

/// <summary>Builds the isolated worker's host; Program.cs runs it and the tests build it from the Bicep's settings.</summary>
public static class FunctionsWorkerHost
{
    /// <param name="settings">Configuration that wins over the environment (tests).</param>
    public static IHost Create(string[] args, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.ConfigureFunctionsWebApplication();
        builder.UseWhen<WarmUpOnHttp>(WarmUpOnHttp.IsHttp);
        builder.AddServiceDefaults();
        builder.AddFunctionClasses();
        return builder.Build();
    }
}
