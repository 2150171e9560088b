using Microsoft.Extensions.Logging;
using Siamese.Model.Checkpoints;
using Siamese.Model.Network;
using Siamese.Model.Training;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Promotion;

namespace Siamese.Trainer.Jobs;

/// <summary>
/// Where a stored run of a model name starts with <see cref="TrainingStart.Served"/>: the model the name serves now (a
/// promoted checkpoint), or the shipped model when the name serves that or nothing yet.
/// </summary>
public sealed partial class StartingModel(ServedModels served, BlobCheckpointStore models, ILogger<StartingModel> logger)
{
    /// <summary>Starts <paramref name="network"/> from the name's served model; what it started from, or null (scratch).</summary>
    public async Task<string?> StartAsync(SiameseNetwork network, string model, CancellationToken cancellationToken)
    {
        ServedModelPointer? pointer = await served.ReadAsync(model, cancellationToken);
        var (source, name) = pointer is null || pointer.IsDefault
            ? (DefaultModel.Load().Network, "the shipped model")
            : ((await models.LoadAsync(pointer.Checkpoint, cancellationToken)).Rebuild().Network, $"served {pointer.Checkpoint}");
        using (source)
        {
            string? startedFrom = StartingWeights.Start(network, source, name, out string reason);
            if (startedFrom is null) LogScratch(model, reason);
            else LogStarted(model, startedFrom);
            return startedFrom;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model}: training starts from {Source}")]
    private partial void LogStarted(string model, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model}: training starts from scratch, because {Reason}")]
    private partial void LogScratch(string model, string reason);
}
