namespace Siamese.Model.Checkpoints;

/// <summary>
/// A complete checkpoint's files as read from storage (<see cref="CheckpointFormat"/>): <see cref="Name"/> is its folder,
/// <see cref="Source"/> where it was read from, for errors.
/// </summary>
public sealed record CheckpointFiles(string Name, string Source, CheckpointMetadata Metadata, byte[] Weights, byte[]? OptimizerState);
