namespace Siamese.Model.Checkpoints;

/// <summary>
/// A run folder on the local file system (see <see cref="LocalCheckpointStore"/>): one sub-folder per checkpoint and
/// the pointers beside them; each file is written under a temporary name and renamed.
/// </summary>
internal sealed class LocalRunFolder(string runDirectory) : ICheckpointTarget
{
    /// <summary>Local files have no media type; a local write is not interrupted once it has begun.</summary>
    public Task WriteAsync(string? checkpoint, string fileName, byte[] content, string? contentType, CancellationToken cancellationToken)
    {
        string directory = checkpoint is null ? runDirectory : Path.Combine(runDirectory, checkpoint);
        Directory.CreateDirectory(directory);
        AtomicFile.Write(Path.Combine(directory, fileName), stream => stream.Write(content));
        return Task.CompletedTask;
    }
}
