using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Siamese.Pipeline.Datasets;
using Siamese.Storage;

namespace Siamese.Functions.Triggers.Pipeline;

/// <summary>
/// An upload in raw/ becomes a dataset: checked, indexed and split into chunks (see <see cref="DatasetPreparer"/>).
/// Deployed on Flex Consumption, which has no polling blob trigger, the trigger takes Event Grid events
/// (infra/app/events.bicep); the local host binds the same method to the polling trigger, since Azurite emits no events.
/// </summary>
public sealed class PrepareDataset(DatasetPreparer preparer)
{
    [Function(nameof(PrepareDataset))]
    public Task Run(
        [BlobTrigger(StorageNames.RawContainer + "/{name}", Source = BlobTriggerSource.EventGrid, Connection = StorageNames.Connection)]
        BlobClient upload,
        string name,
        CancellationToken cancellationToken) =>
        preparer.PrepareAsync(upload, name, cancellationToken);
}
