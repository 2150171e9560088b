using Siamese.Testing.Deployment;

namespace Siamese.Functions.Tests.Azure;

/// <summary>The settings infra/ gives the function app and the trainer job, with test values for the deployment's outputs.</summary>
internal static class AzureSettings
{
    public const string ClientId = "0f6e3c44-1b7d-4c59-9d0a-7f3c2b1a9e55";

    /// <param name="blobServiceUri">The storage account's blob endpoint (defaults to a name in Azure that is never called).</param>
    public static Dictionary<string, string?> FunctionApp(Uri? blobServiceUri = null, Uri? queueServiceUri = null) =>
        BicepSettings.Read("infra/app/functions.bicep", Values(blobServiceUri, queueServiceUri));

    public static Dictionary<string, string?> TrainerJob(Uri? blobServiceUri = null, Uri? queueServiceUri = null) =>
        BicepSettings.Read("infra/app/trainer.bicep", Values(blobServiceUri, queueServiceUri));

    private static Dictionary<string, string> Values(Uri? blobServiceUri, Uri? queueServiceUri) => new()
    {
        ["storageName"] = "stsiamesetest",
        ["blobEndpoint"] = (blobServiceUri ?? new Uri("https://stsiamesetest.blob.core.windows.net/")).ToString(),
        ["queueEndpoint"] = (queueServiceUri ?? new Uri("https://stsiamesetest.queue.core.windows.net/")).ToString(),
        ["identity.properties.clientId"] = ClientId,
        ["trainingDevice"] = "cuda", // the deployment's default: a GPU workload profile (trainerGpu)
        // Telemetry goes to a port where nothing listens: the exporter is built and configured, nothing is sent anywhere.
        ["appInsightsConnectionString"] =
            "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/",
    };
}
