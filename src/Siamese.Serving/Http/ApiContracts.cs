using System.Text.Json.Serialization;

namespace Siamese.Serving.Http;

/// <summary>JSON form of a compare request: two images, base64-encoded.</summary>
public sealed record CompareRequest(string? Image1, string? Image2);

public sealed record BatchCompareRequest(IReadOnlyList<CompareRequest>? Pairs);

public sealed record ModelInfo(string RunId, int Epoch, string Source, string Checkpoint, double? ValidationAccuracy, string Config, string Device, DateTimeOffset LoadedUtc);

public sealed record Timing(double DecodeAndEmbedMs, double HeadMs, double TotalMs);

public sealed record CompareResponse(double Similarity, bool IsSame, double Threshold, ModelInfo Model, Timing Timing);

public sealed record PairResult(double Similarity, bool IsSame);

public sealed record BatchCompareResponse(IReadOnlyList<PairResult> Results, double Threshold, ModelInfo Model, Timing Timing);

public sealed record GalleryItemResponse(string Gallery, string Label, int Items, ModelInfo Model);

public sealed record IdentifyMatch(string Label, double Score);

public sealed record IdentifyResponse(string Gallery, IReadOnlyList<IdentifyMatch> Matches, ModelInfo Model, Timing Timing);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(CompareRequest))]
[JsonSerializable(typeof(BatchCompareRequest))]
[JsonSerializable(typeof(CompareResponse))]
[JsonSerializable(typeof(BatchCompareResponse))]
[JsonSerializable(typeof(GalleryItemResponse))]
[JsonSerializable(typeof(IdentifyResponse))]
[JsonSerializable(typeof(ModelInfo))]
public sealed partial class ApiJson : JsonSerializerContext;
