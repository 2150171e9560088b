using Azure.Storage.Blobs;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.WebJobs;
using Siamese.Functions.Triggers.Pipeline;
using Siamese.Storage;
using WorkerTimerInfo = Microsoft.Azure.Functions.Worker.TimerInfo;

namespace Siamese.Functions.LocalHost;

/// <summary>
/// WebJobs bindings for the function classes: the same names, triggers and connection as the isolated worker, each a
/// one-line call into the class the worker runs. (WebJobs and Worker attributes share names, so this file uses only
/// the WebJobs ones; the timer's schedule is the same setting, which WebJobs resolves from configuration too.)
/// </summary>
public sealed class LocalTriggers(IServiceProvider services)
{
    [FunctionName(nameof(PrepareDataset))]
    public Task PrepareDataset(
        [BlobTrigger(StorageNames.RawContainer + "/{name}", Connection = StorageNames.Connection)] BlobClient upload,
        string name,
        CancellationToken cancellationToken) =>
        services.GetRequiredService<PrepareDataset>().Run(upload, name, cancellationToken);

    [FunctionName(nameof(BuildPairs))]
    public Task BuildPairs(
        [QueueTrigger(StorageNames.PrepareChunksQueue, Connection = StorageNames.Connection)] QueueMessage message,
        CancellationToken cancellationToken) =>
        services.GetRequiredService<BuildPairs>().Run(message, cancellationToken);

    [FunctionName(nameof(ReconcileUploads))]
    public Task ReconcileUploads(
        [TimerTrigger(Triggers.Pipeline.ReconcileUploads.Schedule)] TimerInfo timer,
        CancellationToken cancellationToken) =>
        services.GetRequiredService<ReconcileUploads>().Run(new WorkerTimerInfo { IsPastDue = timer.IsPastDue }, cancellationToken);
}
