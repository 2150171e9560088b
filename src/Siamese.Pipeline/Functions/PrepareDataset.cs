using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Siamese.Pipeline.Preparation;
using Siamese.Pipeline.Storage;

namespace Siamese.Pipeline.Functions;

/// <summary>An upload in raw/ becomes a dataset: checked, indexed and split into chunks (see <see cref="DatasetPreparer"/>).</summary>
public sealed class PrepareDataset(DatasetPreparer preparer)
{
    [Function(nameof(PrepareDataset))]
    public Task Run(
        [BlobTrigger(StorageNames.RawContainer + "/{name}", Connection = StorageNames.Connection)] BlobClient upload,
        string name,
        CancellationToken cancellationToken) =>
        preparer.PrepareAsync(upload, name, cancellationToken);
}
