using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Siamese.Cli.Tests;

/// <summary>
/// A stand-in functions app that records each request's method, path and query and refuses it as the API refuses a model
/// name it does not know (404, problem code models.unknown-model): what the tool sends, without a model to serve.
/// </summary>
public sealed class RecordingApi : IAsyncDisposable
{
    public const string Detail = "No model is served under that name; the names are default.";

    private readonly WebApplication app;
    private readonly List<string> requests = [];

    private RecordingApi(WebApplication app) => this.app = app;

    public IReadOnlyList<string> Requests
    {
        get { lock (requests) return [.. requests]; }
    }

    public string Url => app.Urls.First();

    public static async Task<RecordingApi> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var api = new RecordingApi(builder.Build());
        api.app.Run(async context =>
        {
            lock (api.requests) api.requests.Add($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsJsonAsync(new { code = "models.unknown-model", detail = Detail, status = 404 });
        });
        await api.app.StartAsync();
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
