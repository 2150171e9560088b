namespace Siamese.Model.Checkpoints;

/// <summary>
/// A file stored next to a checkpoint's weights: the run's history, its pictures (training curves, an evaluation report).
/// </summary>
public sealed record CheckpointAttachment(string FileName, string ContentType, byte[] Content);
