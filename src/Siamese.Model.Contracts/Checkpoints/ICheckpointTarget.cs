namespace Siamese.Model.Checkpoints;

/// <summary>
/// The place of one training run's checkpoints, as <see cref="CheckpointWriter"/> fills it: a local run folder, or the
/// run's folder in the models container.
/// </summary>
public interface ICheckpointTarget
{
    /// <summary>Writes one file whole (a reader finds the old file or the new one, never part of it), replacing any of that name.</summary>
    /// <param name="checkpoint">The checkpoint the file belongs to (epoch-0003); null for a file of the run itself (a pointer).</param>
    /// <param name="fileName">A plain file name.</param>
    /// <param name="content">The file's bytes.</param>
    /// <param name="contentType">The media type, for a target that records one; null leaves the target's default.</param>
    /// <param name="cancellationToken">Stops a write that has not finished.</param>
    Task WriteAsync(string? checkpoint, string fileName, byte[] content, string? contentType, CancellationToken cancellationToken);
}
