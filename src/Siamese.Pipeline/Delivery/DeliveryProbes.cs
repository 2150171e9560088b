using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Siamese.Storage;
using Siamese.Storage.Datasets;

namespace Siamese.Pipeline.Delivery;

/// <summary>
/// A deployment's end-to-end check of the upload path: a blob under raw/.probes/ (post-deploy.sh writes one) reaches
/// preparation like an upload, which answers it with datasets/.probes/{name}.json instead of preparing it, so the check
/// sees one event delivered from storage through Event Grid to the function without making a dataset.
/// </summary>
public sealed partial class DeliveryProbes(BlobServiceClient blobs, ResilientStorage storage, TimeProvider time,
    ILogger<DeliveryProbes> logger)
{
    /// <summary>The folder of raw/ (and of datasets/, for the answers) that probes use; no upload can be named so.</summary>
    public const string Folder = ".probes/";

    public static bool IsProbe(string uploadName) => uploadName.StartsWith(Folder, StringComparison.Ordinal);

    /// <summary>Writes datasets/.probes/{name}.json, saying when the probe arrived.</summary>
    public async Task AnswerAsync(string uploadName, CancellationToken cancellationToken)
    {
        string answer = $"{uploadName}.json";
        BlobContainerClient answers = blobs.GetBlobContainerClient(StorageNames.DatasetsContainer);
        await storage.RunAsync(async ct => { await answers.CreateIfNotExistsAsync(cancellationToken: ct); }, cancellationToken);
        await storage.WriteAsync(answers.GetBlobClient(answer),
            new DeliveryProbeAnswer($"{StorageNames.RawContainer}/{uploadName}", time.GetUtcNow()), StorageJson.Default.DeliveryProbeAnswer,
            cancellationToken);
        LogAnswered(StorageNames.RawContainer, uploadName, StorageNames.DatasetsContainer, answer);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery probe {Container}/{Name} arrived; answered with {Answers}/{Answer}")]
    private partial void LogAnswered(string container, string name, string answers, string answer);
}
