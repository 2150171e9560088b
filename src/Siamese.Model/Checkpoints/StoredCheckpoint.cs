using Siamese.Model.Network;

namespace Siamese.Model.Checkpoints;

/// <summary>A checkpoint read back from storage, its network rebuilt.</summary>
public sealed record StoredCheckpoint(string Name, SiameseNetwork Network, CheckpointMetadata Metadata, byte[]? OptimizerState);
