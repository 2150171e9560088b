using Siamese.Model.Data;
using Siamese.Model.Imaging;
using Siamese.Model.Recipes;
using Siamese.Storage.Promotion;

namespace Siamese.Storage.Datasets;

public enum DatasetState
{
    Accepted,
    Building,
    Ready,
    Failed,
}

/// <summary>
/// datasets/{id}/status.json: what happened to an upload, for the person who dropped it. Accepted → Building (with
/// progress) → Ready, or Failed with a machine-readable code and a message.
/// </summary>
public sealed record DatasetStatus
{
    public required string DatasetId { get; init; }
    public required DatasetState State { get; init; }
    public required string Source { get; init; }
    public required DateTimeOffset UpdatedUtc { get; init; }
    public int Classes { get; init; }
    public int Images { get; init; }
    public int ChunksTotal { get; init; }
    public int ChunksDone { get; init; }
    public int Pairs { get; init; }
    public DatasetWarnings Warnings { get; init; } = DatasetWarnings.None;
    public DatasetError? Error { get; init; }

    /// <summary>What became of the dataset's latest training: the run, and whether its model is served (written by the trainer).</summary>
    public DatasetTraining? Training { get; init; }

    /// <summary>The latest training for each model name the dataset was uploaded for (the same zip may train several).</summary>
    public IReadOnlyDictionary<string, DatasetTraining> TrainingByModel
    {
        get => trainingByModel ?? new Dictionary<string, DatasetTraining>();
        init => trainingByModel = value;
    }

    // Null in statuses from before names (the source-generated reader sets a missing member to null).
    private readonly IReadOnlyDictionary<string, DatasetTraining>? trainingByModel;

    /// <summary>The latest training for <paramref name="model"/> (statuses from before names: their one training is `default`'s).</summary>
    public DatasetTraining? TrainingFor(string model) =>
        TrainingByModel.TryGetValue(model, out DatasetTraining? training) ? training
        : Training is { } latest && latest.Model == model ? latest
        : null;

    /// <summary>This status with <paramref name="training"/> as the latest, and as the latest of its model name.</summary>
    public DatasetStatus WithTraining(DatasetTraining training, DateTimeOffset now)
    {
        var byModel = new Dictionary<string, DatasetTraining>(TrainingByModel);
        if (Training is { } earlier) byModel.TryAdd(earlier.Model, earlier);   // a status from before names keeps its run
        byModel[training.Model] = training;
        return this with { Training = training, TrainingByModel = byModel, UpdatedUtc = now };
    }

    /// <summary>
    /// The preparation that holds the dataset, an id of its own per attempt: while the dataset is Accepted another
    /// attempt at the same upload may take it over, and only the holder moves it on to Building and enqueues its chunks.
    /// </summary>
    public string? Claim { get; init; }

    public bool IsFinal => State is DatasetState.Ready or DatasetState.Failed;

    /// <summary>Images known NOT to be of their class (kept with it, not trained as it), and how many classes have any.</summary>
    public int Impostors { get; init; }

    public int ClassesWithImpostors { get; init; }

    /// <summary>What the upload's images measured (null in statuses from before they were measured).</summary>
    public ImageProfile? Profile { get; init; }

    /// <summary>The recipe and why, e.g. "recipe photos, chosen for grey photos, median 320x243" (null in older statuses).</summary>
    public string? RecipeChoice { get; init; }
}

/// <summary>What the preparation of an upload came to.</summary>
public enum UploadOutcome
{
    /// <summary>A new dataset: its chunks are enqueued.</summary>
    Prepared,

    /// <summary>The dataset failed with a reason in its status.</summary>
    Rejected,

    /// <summary>The content of a dataset another upload (or an earlier preparation of this one) brought.</summary>
    SameContent,
}

/// <summary>
/// datasets/uploads/{name}.json: one upload in raw/ (name and ETag) was prepared, and as which dataset. The dataset id is
/// the hash of the whole upload, so this record is the cheap way to tell a handled upload from one the trigger missed.
/// </summary>
public sealed record UploadRecord(string Upload, string ETag, string DatasetId, UploadOutcome Outcome, DateTimeOffset RecordedUtc);

/// <summary>
/// datasets/.probes/{name}.json: a deployment's probe blob raw/.probes/{name} reached preparation (see post-deploy.sh), and when.
/// </summary>
public sealed record DeliveryProbeAnswer(string Probe, DateTimeOffset ReceivedUtc);

/// <summary>Entries that were skipped but did not stop the dataset, with a few examples of each kind.</summary>
public sealed record DatasetWarnings(
    int NonImageEntries,
    int ImagesOutsideClasses,
    int SkippedClasses,
    int UnreadableImages,
    IReadOnlyList<string> Examples)
{
    public static readonly DatasetWarnings None = new(0, 0, 0, 0, []);

    public int Total => NonImageEntries + ImagesOutsideClasses + SkippedClasses + UnreadableImages;
}

public sealed record DatasetError(string Code, string Message);

/// <summary>The training of a ready dataset: its run, the recipe, the state and one line that says what happened.</summary>
public sealed record DatasetTraining(string RunId, string Recipe, TrainingState State, string Summary, DateTimeOffset UpdatedUtc)
{
    /// <summary>The model name the run trains for (`default` in statuses from before names).</summary>
    public string Model { get => model ?? ModelName.Default; init => model = value; }

    private readonly string? model;
}

public enum TrainingState
{
    Training,
    Promoted,
    NotPromoted,
    Failed,
}

/// <summary>
/// datasets/{id}/index.json: the classes, how they are prepared and split into chunks, and the training recipe the upload
/// chose (resolved to every value).
/// </summary>
public sealed record DatasetIndex(
    string DatasetId,
    string Source,
    string SourceETag,
    int Seed,
    int ImageSize,
    ColorMode ColorMode,
    JitterSettings Jitter,
    int PositivesPerClass,
    int NegativesPerClass,
    IReadOnlyList<ImageClass> Classes,
    IReadOnlyList<ChunkRange> Chunks)
{
    /// <summary>The recipe the upload chose; null only in datasets prepared before recipes existed.</summary>
    public TrainingRecipe? Recipe { get; init; }

    /// <summary>
    /// The recipe and why, e.g. "recipe photos, chosen for grey photos, median 320x243" or "recipe original, named in the
    /// upload's metadata".
    /// </summary>
    public string RecipeChoice
    {
        get => recipeChoice ?? (Recipe is null ? "no recipe recorded" : $"recipe {Recipe.Name}, chosen before choices were recorded");
        init => recipeChoice = value;
    }

    // Null in indexes from before choices were recorded (the source-generated reader sets a missing member to null).
    private readonly string? recipeChoice;

    /// <summary>What a sample of the upload's images measured (<see cref="ImageProfiler"/>); null in indexes from before.</summary>
    public ImageProfile? Profile { get; init; }

    /// <summary>Longest side of the stored class images.</summary>
    public int StoredImageMaxSide { get; init; } = StoredImageSize.DefaultMaxSide;

    /// <summary>The model name the first upload of this content trains for (`default` in indexes from before names).</summary>
    public string Model { get => model ?? ModelName.Default; init => model = value; }

    private readonly string? model;

    /// <summary>Where the classes came from: the upload's folders, or its labels.csv.</summary>
    public ClassLayout Layout { get; init; } = ClassLayout.Folders;

    /// <summary>
    /// How the pair shards were made: the recipe's split, selection, seed and JPEG step (<see cref="PairPlan.Of"/>); null in
    /// indexes from before it was recorded, whose pairs were random over every class, lossless.
    /// </summary>
    public PairPlan? PairPlan { get; init; }

    /// <summary>
    /// Whether the pair shards are exactly the pairs a run of <paramref name="recipe"/> renders (its pair plan and its
    /// preprocessing), so that it can train on them instead of rendering its own from the class images.
    /// </summary>
    public bool HasPairsOf(TrainingRecipe recipe) =>
        PairPlan == PairPlan.Of(recipe.Training) && ImageSize == recipe.Model.ImageSize && ColorMode == recipe.Model.ColorMode
        && Jitter == JitterSettings.Of(recipe.Jitter) && recipe.Jitter.Fit == ImageFit.Stretch;

    /// <summary>Genuine images of the classes (what training uses).</summary>
    public int Images => Classes.Sum(c => c.Images.Count);

    /// <summary>Images known NOT to be of their class, kept with it in <see cref="ImageClass.Impostors"/>.</summary>
    public int Impostors => Classes.Sum(c => c.Impostors.Count);

    public int ClassesWithImpostors => Classes.Count(c => c.Impostors.Count > 0);
}

/// <param name="Resampler">How the pairs were resized; datasets prepared before it was recorded used ImageSharp's Nearest.</param>
public sealed record JitterSettings(
    int ResizeTo, int CropTo, double FlipProbability, Resampler Resampler = Resampler.Nearest, Paper Paper = Paper.AsIs,
    Strokes Strokes = Strokes.AsIs)
{
    public static JitterSettings Of(JitterOptions jitter) =>
        new(jitter.ResizeTo, jitter.CropTo, jitter.FlipProbability, jitter.Resampler, jitter.Paper, jitter.Strokes);

    public JitterOptions ToOptions() =>
        new() { ResizeTo = ResizeTo, CropTo = CropTo, FlipProbability = FlipProbability, Resampler = Resampler, Paper = Paper,
            Strokes = Strokes };
}

/// <summary>Classes [First, First + Count) of the index.</summary>
public sealed record ChunkRange(int First, int Count);

/// <summary>The queue message that asks for one chunk's shard.</summary>
public sealed record ChunkMessage(string DatasetId, int Chunk, int ChunkCount);

/// <summary>A pair shard: its blob, pair count and SHA-256.</summary>
public sealed record ShardInfo(int Chunk, string Shard, int Pairs, int Positives, long Bytes, string Sha256);

/// <summary>A class image shard: its blob, how many classes and genuine images it holds, and its SHA-256.</summary>
public sealed record ImageShardInfo(int Chunk, string Shard, int Classes, int Images, long Bytes, string Sha256)
{
    /// <summary>Impostor images in the shard besides <see cref="Images"/>.</summary>
    public int Impostors { get; init; }
}

/// <summary>datasets/{id}/chunks/chunk-N.json: written after both of the chunk's shards, so its presence means they are complete.</summary>
public sealed record ChunkInfo(int Chunk, ShardInfo PairShard, ImageShardInfo ImageShard);

/// <summary>datasets/{id}/manifest.json: written last and only once; its presence means the dataset is complete.</summary>
public sealed record DatasetManifest(
    string DatasetId,
    string Source,
    DateTimeOffset CreatedUtc,
    int Classes,
    int Pairs,
    int Positives,
    ColorMode ColorMode,
    int Channels,
    int PairImageWidth,
    int PairImageHeight,
    string Index,
    IReadOnlyList<ShardInfo> Shards)
{
    /// <summary>The class image shards (every source image once, lossless); empty in datasets prepared before they existed.</summary>
    public IReadOnlyList<ImageShardInfo> ImageShards { get; init; } = [];

    public int Images => ImageShards.Sum(s => s.Images);
}

/// <summary>The message on training-requests that starts the trainer job, with the recipe to train.</summary>
public sealed record TrainingRequest(string DatasetId, string Manifest, DateTimeOffset RequestedUtc)
{
    /// <summary>The recipe (null in requests from before recipes existed: the dataset's, else the default).</summary>
    public TrainingRecipe? Recipe { get; init; }

    /// <summary>
    /// The model name to train for: its served model is the champion, and a win moves its pointer only (null: the name the
    /// dataset's first upload chose).
    /// </summary>
    public string? Model { get; init; }
}
