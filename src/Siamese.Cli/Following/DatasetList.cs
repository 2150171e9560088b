using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Siamese.Storage.Promotion;
using Siamese.Cli.Printing;
using Siamese.Storage;
using Siamese.Storage.Datasets;

namespace Siamese.Cli.Following;

/// <summary>
/// `status` alone: the datasets in storage, most recently changed first, each with its state, its upload and what became
/// of its latest training run; then the model that answers now.
/// </summary>
public sealed class DatasetList(StorageServices storage, TextWriter output)
{
    /// <summary>How many datasets are listed at most.</summary>
    public const int Shown = 20;

    public async Task<int> ShowAsync(CancellationToken cancellationToken)
    {
        BlobContainerClient datasets = storage.Blobs.GetBlobContainerClient(StorageNames.DatasetsContainer);
        var statuses = new List<DatasetStatus>();
        if (await datasets.ExistsAsync(cancellationToken))
        {
            await foreach (BlobHierarchyItem folder in datasets.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/",
                               prefix: null, cancellationToken))
            {
                if (!folder.IsPrefix) continue;
                BlobClient status = datasets.GetBlobClient(DatasetPaths.Status(folder.Prefix.TrimEnd('/')));
                if (await storage.Documents.ReadAsync(status, StorageJson.Default.DatasetStatus, cancellationToken) is { } read)
                    statuses.Add(read.Value);
            }
        }

        if (statuses.Count == 0) await output.WriteLineAsync("No datasets yet: `siamese upload <zip>` sends one.");
        foreach (DatasetStatus status in statuses.OrderByDescending(s => s.Training?.UpdatedUtc ?? s.UpdatedUtc).Take(Shown))
            await output.WriteLineAsync(Line(status));
        if (statuses.Count > Shown) await output.WriteLineAsync($"… and {statuses.Count - Shown} more");
        await output.WriteLineAsync(ModelNames.NowAnswering(await storage.ServedModels.ReadAsync(ModelName.Default, cancellationToken)));
        return 0;
    }

    private static string Line(DatasetStatus status)
    {
        string changed = (status.Training?.UpdatedUtc ?? status.UpdatedUtc).ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
        string training = status.Training is { } run ? $"; run {run.RunId}: {run.Summary}" : "";
        return $"{status.DatasetId}  {status.State}  {status.Source}  {changed}{training}";
    }
}
