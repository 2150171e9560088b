using System.Text.Json.Serialization;
using Siamese.Storage.Promotion;

namespace Siamese.Serving.Contracts;

/// <summary>Source-generated JSON (camelCase, enums as strings) for every request and response of the API.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(CompareRequest))]
[JsonSerializable(typeof(BatchCompareRequest))]
[JsonSerializable(typeof(CompareResponse))]
[JsonSerializable(typeof(BatchCompareResponse))]
[JsonSerializable(typeof(EnrolledImageResponse))]
[JsonSerializable(typeof(GalleryResponse))]
[JsonSerializable(typeof(IdentityListResponse))]
[JsonSerializable(typeof(IdentityResponse))]
[JsonSerializable(typeof(IdentityDataRequest))]
[JsonSerializable(typeof(VerifyResponse))]
[JsonSerializable(typeof(IdentifyResponse))]
[JsonSerializable(typeof(SimilarResponse))]
[JsonSerializable(typeof(GroupResponse))]
[JsonSerializable(typeof(ModelInfo))]
[JsonSerializable(typeof(PromoteRequest))]
[JsonSerializable(typeof(RollBackRequest))]
[JsonSerializable(typeof(ServedModelPointer))]
[JsonSerializable(typeof(ModelListResponse))]
[JsonSerializable(typeof(ModelDecisionsResponse))]
[JsonSerializable(typeof(RecipeListResponse))]
[JsonSerializable(typeof(UploadAccepted))]
[JsonSerializable(typeof(UploadProgressResponse))]
public sealed partial class ApiJson : JsonSerializerContext;
