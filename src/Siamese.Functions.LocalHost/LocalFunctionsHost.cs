using Siamese.Functions.LocalHost.Extensions;

namespace Siamese.Functions.LocalHost;

/// <summary>Builds the local functions host; Program.cs, the tests and the benchmarks start it the same way.</summary>
public static class LocalFunctionsHost
{
    /// <param name="settings">Configuration that wins over appsettings and the environment (tests, benchmarks).</param>
    public static WebApplication Create(string[] args, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddLocalFunctionsHost();

        var app = builder.Build();
        app.MapLocalFunctionsEndpoints();
        return app;
    }
}
