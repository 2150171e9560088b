using System.Text.Json.Serialization;

namespace Siamese.Trainer.Jobs;

/// <summary>What lands in training-requests-poison: the original request and why it was given up.</summary>
public sealed record PoisonedRequest(string Request, string Code, string Reason, long Deliveries, DateTimeOffset FailedUtc);

[JsonSourceGenerationOptions(WriteIndented = false, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PoisonedRequest))]
public sealed partial class TrainerJson : JsonSerializerContext;
