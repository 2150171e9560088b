using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Siamese.DevStorage;

namespace Siamese.Functions.Tests.Azure;

/// <summary>
/// Telemetry in Azure: with APPLICATIONINSIGHTS_CONNECTION_STRING set (as infra/ sets it for the app and the job), the
/// service defaults export logs and traces to its ingestion endpoint through the Azure Monitor OpenTelemetry distro; the
/// OTLP export for the Aspire dashboard stays as it was beside it.
/// </summary>
public class TelemetryTests
{
    [Fact]
    public async Task Logs_and_traces_reach_the_application_insights_ingestion_endpoint_beside_otlp()
    {
        using var ingestion = new HttpListener();
        string endpoint = $"http://127.0.0.1:{LoopbackPort.Free()}/";
        ingestion.Prefixes.Add(endpoint);
        ingestion.Start();
        Task<string> received = ReceiveTrackRequestAsync(ingestion);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "telemetry-test" });
        builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"] =
            $"InstrumentationKey=11111111-2222-3333-4444-555555555555;IngestionEndpoint={endpoint}";
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{LoopbackPort.Free()}";
        builder.AddServiceDefaults();
        using (IHost host = builder.Build())
        {
            await host.StartAsync();
            host.Services.GetRequiredService<ILogger<TelemetryTests>>().LogWarning("telemetry test {Marker}", "azure-monitor-marker");
            using (var source = new ActivitySource("Siamese.TelemetryTest"))
            using (source.StartActivity("telemetry-test-operation")) { }
            await host.StopAsync();
        } // disposing the host flushes the exporters

        string body = await received.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("11111111-2222-3333-4444-555555555555", body);
        Assert.Contains("azure-monitor-marker", body);
    }

    /// <summary>The first POST to /v2.1/track (the exporter's path), its body unzipped if compressed.</summary>
    private static async Task<string> ReceiveTrackRequestAsync(HttpListener listener)
    {
        var bodies = new StringBuilder();
        while (true)
        {
            HttpListenerContext context = await listener.GetContextAsync();
            using var content = new MemoryStream();
            Stream input = context.Request.Headers["Content-Encoding"] == "gzip"
                ? new GZipStream(context.Request.InputStream, CompressionMode.Decompress)
                : context.Request.InputStream;
            await input.CopyToAsync(content);
            context.Response.StatusCode = 200;
            context.Response.Close();
            if (!context.Request.Url!.AbsolutePath.EndsWith("/track", StringComparison.Ordinal)) continue;
            bodies.Append(Encoding.UTF8.GetString(content.ToArray()));
            if (bodies.ToString().Contains("azure-monitor-marker", StringComparison.Ordinal)) return bodies.ToString();
        }
    }
}
