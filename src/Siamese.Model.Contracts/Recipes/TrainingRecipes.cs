using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Siamese.Model.Imaging;
using Siamese.Model.Network;
using Siamese.Model.Training;

namespace Siamese.Model.Recipes;

/// <summary>
/// The named recipes and how a choice becomes every option. A recipe is a set of values over the original's defaults
/// (sections Model, Training and Jitter, keys such as "Training:Epochs"); layers of overrides come on top, the last
/// layer winning. Unknown names and keys, out-of-range values and settings the recipe's objective ignores
/// (<see cref="IgnoredSettings"/>) are refused with a clear message.
/// </summary>
public static class TrainingRecipes
{
    /// <summary>
    /// The TensorFlow original's network and recipe: rendered pairs made as it made them (a chain of positives in listing
    /// order, negatives from one seeded shuffle, each pair picture through JPEG quality 95), Adam 1e-4, batch 128, 4 epochs,
    /// RGB, every class trained on and the last epoch kept.
    /// </summary>
    public const string Original = "original";

    /// <summary>
    /// The strongest measured recipe, which made the shipped default model (90.25 % 20-way one-shot on all_runs.zip):
    /// batches of 32 classes x 4 images with every pair scored, rotated classes, affine distortions, cosine schedule.
    /// </summary>
    public const string InBatch = "inbatch";

    /// <summary>
    /// For photographs (faces, products): no stroke redrawing, a 64 px input, colour when the images have colour, flips,
    /// light geometric and photometric jitter, and training that starts from the served model.
    /// </summary>
    public const string Photos = "photos";

    /// <summary>
    /// For wide scans such as signatures: the shipped model's input (strokes redrawn at 32 px) with the scan's aspect kept
    /// (padded, not squeezed), impostors (forgeries) as hard negatives, and a gentle fine-tuning of the served model.
    /// </summary>
    public const string Signatures = "signatures";

    /// <summary>What the pipeline trains when an upload does not choose and its images were not measured.</summary>
    public const string Default = InBatch;

    /// <summary>The file at a zip's root that chooses a recipe for it (see <see cref="RecipeChoice"/>).</summary>
    public const string ChoiceFile = "recipe.json";

    /// <summary>
    /// What the in-batch recipes share: the shipped model's network and rules (see docs/model-and-recipes.md, The network),
    /// so that each can start from the served or shipped model's weights, and its way of training.
    /// </summary>
    private static readonly Dictionary<string, string> InBatchBasis = new()
    {
        ["Model:Width"] = "0.25",
        ["Model:ColorMode"] = "Grayscale",
        ["Model:EcaKernels"] = "Log2",
        ["Model:DownsamplePadding"] = "Symmetric",
        ["Jitter:Resampler"] = "Area",
        ["Training:Objective"] = "InBatch",
        ["Training:ClassesPerBatch"] = "32",
        ["Training:ImagesPerClass"] = "4",
        ["Training:Schedule"] = "Cosine",
        ["Training:BatchNormMomentum"] = "0.1",
        ["Training:Start"] = "Served",
        // Trials over at least 10 classes (up to half of a small upload's) tell two models apart.
        ["Training:MinValidationClasses"] = "10",
    };

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Presets { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.OrdinalIgnoreCase)
        {
            // The original's hyper-parameters are every option's default; its data and its choice of weights are set here.
            [Original] = new Dictionary<string, string>
            {
                ["Training:PairSelection"] = "ListingOrder",
                ["Training:PairJpegQuality"] = "95",
                ["Training:ValidationFraction"] = "0",
                ["Training:KeptEpoch"] = "Last",
                // Nothing of the upload is held out, so the challenge takes the original's own benchmark, Lake's runs.
                ["Training:ChallengeTrials"] = "ShippedBenchmark",
            },
            [InBatch] = With(InBatchBasis, new()
            {
                // Drawings on any paper, with any pen, at any size and place, reach the network alike (issue 18's robustness).
                ["Jitter:Paper"] = "Light",
                ["Jitter:Strokes"] = "Redrawn",
                ["Training:StepsPerEpoch"] = "150",
                ["Training:Epochs"] = "16",
                ["Training:RotatedClasses"] = "true",
                ["Training:Affine"] = "1",
                ["Training:LearningRate"] = "0.001",
                ["Training:EarlyStoppingPatience"] = "6",
            }),
            [Photos] = With(InBatchBasis, new()
            {
                ["Model:ImageSize"] = "64",
                ["Jitter:ResizeTo"] = "72",
                ["Jitter:CropTo"] = "64",
                ["Training:StepsPerEpoch"] = "30",
                ["Training:Epochs"] = "8",
                ["Training:Affine"] = "0.5",
                ["Training:Photometric"] = "1",
                ["Training:LearningRate"] = "0.0003",
                ["Training:EarlyStoppingPatience"] = "4",
            }),
            // Measured on SVC2004 (docs/benchmarks.md, Own images): the shipped model's own input, fine-tuned at a third of the
            // photos' rate, beats it on unseen writers; 48, 64 and 96 px inputs without redrawing all lost to it.
            [Signatures] = With(InBatchBasis, new()
            {
                ["Jitter:Paper"] = "Light",
                ["Jitter:Strokes"] = "Redrawn",
                ["Jitter:Fit"] = "Pad",
                ["Training:StepsPerEpoch"] = "30",
                ["Training:Epochs"] = "8",
                ["Training:Affine"] = "0.5",
                ["Training:Photometric"] = "1",
                ["Training:LearningRate"] = "0.0001",
                ["Training:EarlyStoppingPatience"] = "4",
                ["Training:ImpostorsPerClass"] = "2",
            }),
        };

    /// <summary><paramref name="basis"/> with <paramref name="values"/> added or replacing its own.</summary>
    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> basis, Dictionary<string, string> values)
    {
        var all = new Dictionary<string, string>(basis);
        foreach (var (key, value) in values) all[key] = value;
        return all;
    }

    /// <summary>The trainer's own settings: not part of a recipe and not in a run's fingerprint (camelCase, as stored).</summary>
    internal static readonly string[] NotInFingerprint = ["epochs", "device", "progressIntervalSeconds"];

    private static readonly string[] OperatorKeys = ["Training:Device", "Training:ProgressIntervalSeconds"];

    private static readonly (string Name, Type Options)[] SectionTypes =
    [
        (ModelOptions.Section, typeof(ModelOptions)),
        (TrainingOptions.Section, typeof(TrainingOptions)),
        (JitterOptions.Section, typeof(JitterOptions)),
    ];

    private static readonly string[] Sections = SectionTypes.Select(s => s.Name).ToArray();

    /// <summary>Every key a recipe or an override may set, e.g. "Training:Epochs", by its lower-case form.</summary>
    private static readonly IReadOnlyDictionary<string, string> Keys = SectionTypes
        .SelectMany(s => s.Options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .Select(p => $"{s.Name}:{p.Name}"))
        .Except(OperatorKeys)
        .ToDictionary(k => k.ToLowerInvariant(), k => k);

    /// <summary>
    /// The recipe <paramref name="name"/> (null: <see cref="Default"/>) with <paramref name="layers"/> of overrides on
    /// top, later layers winning. Keys may use ':' or '__' ("Training__Epochs", as in environment variables and blob metadata).
    /// </summary>
    public static TrainingRecipe Resolve(string? name, params IEnumerable<KeyValuePair<string, string?>>[] layers)
    {
        name = string.IsNullOrWhiteSpace(name) ? Default : name.Trim();
        if (!Presets.TryGetValue(name, out var preset))
            throw new InvalidInputException("recipe.unknown", $"There is no recipe '{name}'; choose {string.Join(" or ", Presets.Keys)}.");

        var overrides = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var layer in layers)
            foreach (var (key, value) in layer)
                if (value is not null) overrides[CanonicalKey(key)] = value;

        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(preset.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)))
            .AddInMemoryCollection(overrides.Select(o => KeyValuePair.Create(o.Key, (string?)o.Value)))
            .Build();
        var recipe = new TrainingRecipe(Presets.Keys.First(k => k.Equals(name, StringComparison.OrdinalIgnoreCase)), overrides,
            Bind<ModelOptions>(configuration, ModelOptions.Section), Bind<TrainingOptions>(configuration, TrainingOptions.Section),
            Bind<JitterOptions>(configuration, JitterOptions.Section));
        recipe.Model.ToConfig();
        recipe.Jitter.Validate();
        return IgnoredSettings.Refuse(recipe);
    }

    /// <summary>"training__epochs" → "Training:Epochs"; refuses keys that are not recipe options.</summary>
    public static string CanonicalKey(string key) =>
        Keys.TryGetValue(ConfigurationKey(key).ToLowerInvariant(), out string? canonical)
            ? canonical
            : throw new InvalidInputException("recipe.unknown-setting",
                $"'{key}' is not a recipe setting; settings are Model:, Training: and Jitter: options such as Training:Epochs " +
                "or Model:Width (see docs/model-and-recipes.md, Recipes).");

    /// <summary>Whether <paramref name="key"/> names a recipe setting (as opposed to a setting of the trainer itself).</summary>
    public static bool IsRecipeKey(string key) => Keys.ContainsKey(ConfigurationKey(key).ToLowerInvariant());

    /// <summary>
    /// Whether <paramref name="key"/> is meant as a recipe setting: it starts with a recipe section (Model, Training,
    /// Jitter), known or misspelt.
    /// </summary>
    public static bool IsInRecipeSection(string key) =>
        Sections.Any(section => ConfigurationKey(key).StartsWith(section + ":", StringComparison.OrdinalIgnoreCase));

    /// <summary>An environment-style key ("Training__Epochs") in configuration form ("Training:Epochs").</summary>
    private static string ConfigurationKey(string key) => key.Replace("__", ":", StringComparison.Ordinal).Trim();

    private static T Bind<T>(IConfiguration configuration, string section) where T : new()
    {
        var options = new T();
        try
        {
            configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidInputException("recipe.invalid",
                $"A {section} setting of the recipe has a value of the wrong kind: {ex.Message}", ex);
        }
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true))
        {
            var problems = errors.Select(e => $"{string.Join(",", e.MemberNames)}: {e.ErrorMessage}");
            throw new InvalidInputException("recipe.invalid",
                $"The recipe's {section} settings are out of range: {string.Join("; ", problems)}.");
        }
        return options;
    }
}
