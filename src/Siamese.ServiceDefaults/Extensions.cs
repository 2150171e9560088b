using Azure.Monitor.OpenTelemetry.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Service defaults for every host of the stack (local functions host, trainer, worker): OpenTelemetry logs, metrics
/// and traces (exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, as Aspire does, and to Azure Monitor when
/// APPLICATIONINSIGHTS_CONNECTION_STRING is set, as the Bicep does), a liveness health check and resilient HttpClients.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Meters and activity sources of the product, shown in the dashboard.</summary>
    public static readonly string[] Meters = ["Siamese.Training", "Polly"];
    public static readonly string[] Sources = ["Azure.*", "Siamese.*"];

    /// <summary>The Application Insights connection string that turns on the Azure Monitor exporter.</summary>
    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddMeter(Meters))
            .WithTracing(tracing => tracing.AddSource(builder.Environment.ApplicationName).AddSource(Sources)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        if (!string.IsNullOrWhiteSpace(builder.Configuration[AzureMonitorSetting]))
            builder.Services.AddOpenTelemetry().UseAzureMonitor();

        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        return builder;
    }

    /// <summary>/health (everything ready) and /alive (the process answers).</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health");
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        return app;
    }
}
