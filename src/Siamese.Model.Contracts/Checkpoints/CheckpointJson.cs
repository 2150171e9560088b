using System.Text.Json.Serialization;

namespace Siamese.Model.Checkpoints;

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CheckpointMetadata))]
[JsonSerializable(typeof(CheckpointPointer))]
[JsonSerializable(typeof(Training.TrainingHistory))]
public sealed partial class CheckpointJson : JsonSerializerContext;

/// <summary>latest.json / best.json: names the checkpoint folder that is complete and should be used.</summary>
public sealed record CheckpointPointer(string Checkpoint, string RunId, int Epoch, double? ValidationAccuracy, DateTimeOffset UpdatedUtc);
