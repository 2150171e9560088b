using System.Text.Json;
using Siamese.Model.Network;

namespace Siamese.Model.Checkpoints;

/// <summary>
/// Writes one checkpoint of a run in the order that keeps every reader safe: the weights, the optimizer state and the
/// attachments; then checkpoint.json, which makes the checkpoint complete; then the run's pointers, latest.json and
/// (for a new best) best.json. A pointer therefore never names a partial checkpoint, wherever the files go.
/// </summary>
public sealed class CheckpointWriter(ICheckpointTarget target, TimeProvider time)
{
    /// <summary>Writes the checkpoint and moves the pointers; returns the checkpoint's name (epoch-NNNN).</summary>
    public async Task<string> WriteAsync(SiameseNetwork network, byte[]? optimizerState, CheckpointMetadata metadata, bool isBest,
        IReadOnlyList<CheckpointAttachment> attachments, CancellationToken cancellationToken)
    {
        string name = CheckpointFormat.CheckpointName(metadata.Epoch);
        await WriteFileAsync(name, CheckpointFormat.WeightsFile, WeightsSerializer.ToBytes(network), cancellationToken);
        if (optimizerState is not null)
            await WriteFileAsync(name, CheckpointFormat.OptimizerFile, optimizerState, cancellationToken);
        foreach (CheckpointAttachment attachment in attachments)
            await target.WriteAsync(name, CheckpointFormat.RequireFileName(attachment.FileName), attachment.Content,
                attachment.ContentType, cancellationToken);
        await WriteFileAsync(name, CheckpointFormat.MetadataFile,
            JsonSerializer.SerializeToUtf8Bytes(metadata, CheckpointJson.Default.CheckpointMetadata), cancellationToken);

        var pointer = new CheckpointPointer(name, metadata.RunId, metadata.Epoch, metadata.Metrics.ValidationAccuracy, time.GetUtcNow());
        byte[] pointerJson = JsonSerializer.SerializeToUtf8Bytes(pointer, CheckpointJson.Default.CheckpointPointer);
        await WriteFileAsync(null, CheckpointFormat.LatestPointer, pointerJson, cancellationToken);
        if (isBest) await WriteFileAsync(null, CheckpointFormat.BestPointer, pointerJson, cancellationToken);
        return name;
    }

    private Task WriteFileAsync(string? checkpoint, string fileName, byte[] content, CancellationToken cancellationToken) =>
        target.WriteAsync(checkpoint, fileName, content, contentType: null, cancellationToken);
}
