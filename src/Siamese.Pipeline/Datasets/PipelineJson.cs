using System.Text.Json.Serialization;

namespace Siamese.Pipeline.Datasets;

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DatasetStatus))]
[JsonSerializable(typeof(DatasetIndex))]
[JsonSerializable(typeof(ChunkMessage))]
[JsonSerializable(typeof(ShardInfo))]
[JsonSerializable(typeof(DatasetManifest))]
[JsonSerializable(typeof(TrainingRequest))]
[JsonSerializable(typeof(ShardPair[]))]
[JsonSerializable(typeof(ShardImage[]))]
[JsonSerializable(typeof(ChunkInfo))]
[JsonSerializable(typeof(Models.ServedModelPointer))]
[JsonSerializable(typeof(Models.PromotionDecision))]
public sealed partial class PipelineJson : JsonSerializerContext;
