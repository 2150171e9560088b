using Siamese.Model.Data;
using Siamese.Storage.Datasets;

namespace Siamese.Trainer.Jobs;

public static class DatasetImages
{
    /// <summary>A prepared dataset's class images as the archive that training and the model challenge read.</summary>
    public static async Task<MemoryImageArchive> ReadClassArchiveAsync(this DatasetReader datasets, PreparedDataset dataset,
        CancellationToken cancellationToken) =>
        MemoryImageArchive.OfClasses(dataset.Index.Source, dataset.Index.DatasetId, dataset.Index.Classes,
            await datasets.ReadClassImagesAsync(dataset, cancellationToken));
}
