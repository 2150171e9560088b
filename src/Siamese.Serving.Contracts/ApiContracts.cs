using Siamese.Model.Checkpoints;
using Siamese.Storage.Datasets;
using Siamese.Storage.Promotion;

namespace Siamese.Serving.Contracts;

/// <summary>JSON form of a compare request: two images, base64-encoded.</summary>
public sealed record CompareRequest(string? Image1, string? Image2);

public sealed record BatchCompareRequest(IReadOnlyList<CompareRequest>? Pairs);

/// <summary>
/// The model that answers: which checkpoint, its scores, the isSame threshold it uses and how it was chosen, and why it
/// is served (the challenge it won, an operator's promotion or roll-back, or the default model while nothing won).
/// </summary>
public sealed record ModelInfo(
    string RunId,
    int Epoch,
    string Source,
    string Checkpoint,
    double? ValidationAccuracy,
    string Config,
    string Device,
    DateTimeOffset LoadedUtc)
{
    /// <summary>The model name it answers for.</summary>
    public string Name { get; init; } = ModelName.Default;

    /// <summary>The number format its network computes in on this instance: "float32" or "bfloat16" (Serving:Precision).</summary>
    public string Precision { get; init; } = "float32";

    public double Threshold { get; init; }
    public string ThresholdCriterion { get; init; } = "";
    public string Why { get; init; } = "";
    public ChallengeScores? Challenge { get; init; }
    public DateTimeOffset? ServedSinceUtc { get; init; }
    public TestScores? Test { get; init; }
}

/// <summary>
/// An operator's promotion: a run (its best checkpoint unless one is named) and the reason, for the record, under a model
/// name (absent: `default`).
/// </summary>
public sealed record PromoteRequest(string? RunId, string? Checkpoint, string? Reason)
{
    public string? Model { get; init; }
}

/// <summary>An operator's roll-back of a model name (absent: `default`) to the model it served before.</summary>
public sealed record RollBackRequest(string? Reason)
{
    public string? Model { get; init; }
}

/// <summary>
/// A model name and what it serves, read from its served pointer without loading the model: run, epoch, source ("storage",
/// or "default" for the model shipped with the app), checkpoint, why and since when.
/// </summary>
public sealed record NamedModelInfo(string Name, string RunId, int Epoch, string Source, string Checkpoint, string Why)
{
    public DateTimeOffset? ServedSinceUtc { get; init; }
    public ChallengeScores? Challenge { get; init; }
}

/// <summary>GET /api/models: every model name, `default` first.</summary>
public sealed record ModelListResponse(IReadOnlyList<NamedModelInfo> Models);

/// <summary>GET /api/models/decisions: the challenges decided for a name, won and lost, newest first.</summary>
public sealed record ModelDecisionsResponse(string Model, IReadOnlyList<PromotionDecision> Decisions);

public sealed record Timing(double DecodeAndEmbedMs, double HeadMs, double TotalMs)
{
    /// <summary>The split of a request's time, to a hundredth of a millisecond: embedding, then the head and ranking.</summary>
    public static Timing Of(double embedMs, double totalMs) =>
        new(Math.Round(embedMs, 2), Math.Round(totalMs - embedMs, 2), Math.Round(totalMs, 2));
}

public sealed record CompareResponse(double Similarity, bool IsSame, double Threshold, ModelInfo Model, Timing Timing);

public sealed record PairResult(double Similarity, bool IsSame);

public sealed record BatchCompareResponse(IReadOnlyList<PairResult> Results, double Threshold, ModelInfo Model, Timing Timing);

/// <summary>An image added to an identity, with its id (to remove it later).</summary>
public sealed record EnrolledImageResponse(string Gallery, string Label, string ImageId, ModelInfo Model);

/// <summary>GET /api/galleries/{name}: the model name it answers for and what it holds.</summary>
public sealed record GalleryResponse(string Gallery, string Model, int Identities, int Images, DateTimeOffset CreatedUtc);

public sealed record IdentitySummary(string Label, int Images, string? UserData);

/// <summary>A page of identities in ordinal label order; <c>Next</c> is the continuation (null on the last page).</summary>
public sealed record IdentityListResponse(string Gallery, IReadOnlyList<IdentitySummary> Identities, string? Next);

public sealed record IdentityImage(string ImageId, string ContentHash, DateTimeOffset EnrolledUtc);

public sealed record IdentityResponse(string Gallery, string Label, string? UserData, IReadOnlyList<IdentityImage> Images);

/// <summary>PUT /api/galleries/{name}/identities/{label}: the identity's user data (any text, e.g. JSON), or null to clear it.</summary>
public sealed record IdentityDataRequest(string? UserData);

/// <summary>An image against every enrolled image of one identity, combined into one similarity by <c>Rule</c>.</summary>
public sealed record VerifyResponse(string Gallery, string Label, double Similarity, bool IsSame, double Threshold, string Rule,
    int IdentityImages, ModelInfo Model, Timing Timing);

/// <summary>An identity's similarity to the query (by the verify rule) and its enrolled image nearest to it.</summary>
public sealed record IdentifyMatch(string Label, double Score, string NearestImageId);

/// <summary>The identities at or above the threshold, best first; empty when none passes.</summary>
public sealed record IdentifyResponse(string Gallery, IReadOnlyList<IdentifyMatch> Matches, double Threshold, string Rule, ModelInfo Model,
    Timing Timing);

public sealed record SimilarImage(string ImageId, string Label, double Similarity);

/// <summary>The enrolled images most similar to the query, best first.</summary>
public sealed record SimilarResponse(string Gallery, IReadOnlyList<SimilarImage> Images, ModelInfo Model, Timing Timing);

/// <summary>
/// The images (by their form names) grouped into identities: every group holds two or more images; the ones that fit in no
/// group are <c>Ungrouped</c>.
/// </summary>
public sealed record GroupResponse(IReadOnlyList<IReadOnlyList<string>> Groups, IReadOnlyList<string> Ungrouped, double Threshold,
    string Rule, ModelInfo Model, Timing Timing);

/// <summary>GET /api/recipes: the recipes an upload may name (none: the pipeline chooses one for the images).</summary>
public sealed record RecipeListResponse(IReadOnlyList<string> Recipes);

/// <summary>POST /api/uploads: the zip as raw/ holds it, the dataset it becomes and the choices it carries.</summary>
public sealed record UploadAccepted(string Upload, long Bytes, string DatasetId, string Model, string? Recipe,
    IReadOnlyDictionary<string, string> Settings);

/// <summary>An upload's dataset as its status says: state, chunks built, what it holds, the recipe chosen, or why it failed.</summary>
public sealed record UploadDatasetInfo(DatasetState State, string Source, int ChunksDone, int ChunksTotal, int Classes, int Images,
    int Impostors, int SkippedEntries, string? Profile, string? RecipeChoice, DatasetError? Error);

/// <summary>One finished epoch of the upload's training run.</summary>
public sealed record UploadEpoch(int Epoch, int Epochs, double TrainLoss, double? ValidationAccuracy, int ValidationWays,
    double WallTimeSeconds);

/// <summary>
/// GET /api/uploads/{datasetId}: what `siamese upload --follow` shows, at one moment: the dataset (null until the pipeline
/// accepted it), the training for the model name, its epochs, and once decided the model the name serves.
/// </summary>
public sealed record UploadProgressResponse(string DatasetId, string Model, UploadDatasetInfo? Dataset, DatasetTraining? Training,
    IReadOnlyList<UploadEpoch> Epochs, NamedModelInfo? Served, bool Finished);
