using System.Text.Json.Serialization;

using Siamese.Storage.Datasets;

namespace Siamese.Storage;

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
[JsonSerializable(typeof(UploadRecord))]
[JsonSerializable(typeof(DeliveryProbeAnswer))]
[JsonSerializable(typeof(Siamese.Storage.Promotion.ServedModelPointer))]
[JsonSerializable(typeof(Siamese.Storage.Promotion.PromotionDecision))]
public sealed partial class StorageJson : JsonSerializerContext;
