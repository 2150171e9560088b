using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Siamese.Model;
using Siamese.Model.Checkpoints;
using Siamese.Model.Data;
using Siamese.Model.Imaging;
using Siamese.Model.Network;
using Siamese.Model.Recipes;
using Siamese.Model.Training;
using Siamese.Storage.Datasets;
using Siamese.Storage.Promotion;
using Siamese.Trainer.Jobs;
using TorchSharp;

namespace Siamese.Trainer.Commands;

/// <summary>`train`: trains on a local zip or folder of class folders and writes a checkpoint per epoch.</summary>
internal static class TrainCommand
{
    /// <summary>The sections whose settings are options of `train`.</summary>
    public static IReadOnlyList<SettingSection> Settings =>
        [SettingSection.Training, SettingSection.Model, SettingSection.Jitter, SettingSection.Sampling];

    public static Command Create(CommandContext context)
    {
        var data = new Option<string[]>("--data")
        {
            Description = "A zip or folder with one folder of images per class (e.g. data/omniglot/images_background_small1.zip); " +
                          "repeat to merge several (classes of the same name are one class)",
        };
        var dataset = new Option<string?>("--dataset")
        {
            Description = "The id of a prepared dataset in blob storage (connection setting Storage); checkpoints go to models/{runId}/",
        };
        var outDir = new Option<string?>("--out")
        {
            Description = "With --data: folder for this run's checkpoints (epoch-NNNN/, latest.json, best.json); must be new or empty",
        };
        var recipe = new Option<string?>("--recipe")
        {
            Description = $"A named recipe: {string.Join(" or ", TrainingRecipes.Presets.Keys)} (the pipeline's default: " +
                          $"{TrainingRecipes.Default}); the other options override its values. Without it: configuration, " +
                          "whose defaults are the original's",
        };
        var model = new Option<string?>("--model")
        {
            Description = "With --dataset: the model name to train for and challenge (default: the name the dataset's upload chose)",
        };
        var settings = new SettingOptions(Settings);

        var command = new Command("train", "Train on a local zip or folder (one folder per class), or on a prepared dataset in " +
                                           "blob storage, and write a checkpoint after every epoch.")
        {
            data, dataset, outDir, recipe, model,
        };
        settings.AddTo(command);
        command.Validators.Add(result =>
        {
            bool local = result.GetValue(data) is { Length: > 0 }, stored = result.GetValue(dataset) is not null;
            if (local == stored)
                result.AddError("Give exactly one of --data (a local zip or folder) or --dataset (a prepared dataset id).");
            else if (local && result.GetValue(outDir) is null) result.AddError("--data needs --out, the folder for the checkpoints.");
            else if (local && result.GetValue(model) is not null)
                result.AddError("--model names a served model, for --dataset; a run from --data is written to --out only.");
        });

        command.SetAction((result, cancellationToken) =>
        {
            Dictionary<string, string?> overrides = settings.Given(result);
            string? recipeName = result.GetValue(recipe);
            var recipeValues = overrides.Where(o => o.Value is not null && TrainingRecipes.IsRecipeKey(o.Key)).ToList();
            return CommandRunner.RunAsync(context, overrides,
                (services, ct) => result.GetValue(dataset) is { } datasetId
                    ? RunStoredAsync(services, datasetId, result.GetValue(model), StoredRecipe(recipeName, recipeValues), context.Output,
                        ct)
                    : RunAsync(services, result.GetValue(data)!, result.GetValue(outDir)!, LocalRecipe(recipeName, recipeValues),
                        context.Output, ct),
                cancellationToken);
        });
        return command;
    }

    /// <summary>The named recipe with the command line's values, or null (no --recipe) to take every value from configuration.</summary>
    private static TrainingRecipe? LocalRecipe(string? name, IReadOnlyList<KeyValuePair<string, string?>> values) =>
        name is null ? null : TrainingRecipes.Resolve(name, values);

    /// <summary>What the command line changes in the recipe the dataset's upload chose, or null when nothing.</summary>
    private static StorageTrainingJob.RecipeChange? StoredRecipe(string? name, IReadOnlyList<KeyValuePair<string, string?>> values) =>
        name is null && values.Count == 0 ? null : new StorageTrainingJob.RecipeChange(name, values);

    /// <param name="recipe">The named recipe with the command line's values, or null to take every value from configuration.</param>
    private static async Task<int> RunAsync(IServiceProvider services, string[] data, string outDir, TrainingRecipe? recipe,
        TextWriter output, CancellationToken cancellationToken)
    {
        TrainingOptions configured = services.GetRequiredService<IOptions<TrainingOptions>>().Value;
        ModelOptions model = recipe?.Model ?? services.GetRequiredService<IOptions<ModelOptions>>().Value;
        TrainingOptions training = recipe?.TrainingOn(configured) ?? configured;
        JitterOptions jitter = recipe?.Jitter ?? services.GetRequiredService<IOptions<JitterOptions>>().Value;
        if (recipe is null) IgnoredSettings.Refuse(training, jitter, "The training configuration");
        ModelConfig config = model.ToConfig();
        ColorMode colorMode = model.ColorMode;
        PairSamplingOptions sampling = services.GetRequiredService<IOptions<PairSamplingOptions>>().Value;
        RequireFreshOutput(outDir);

        TrainingData trainingData = services.GetRequiredService<TrainingDataBuilder>()
            .Build(data, config.ImageSize, colorMode, jitter, sampling, training, cancellationToken);

        torch.manual_seed(training.Seed);
        using var network = new SiameseNetwork(config);
        string? startedFrom = training.Start == TrainingStart.Served ? await StartFromShippedModelAsync(network, output) : null;
        string runId = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{trainingData.Info.Id[..8]}";
        var run = new TrainingRun(runId, network, trainingData.Pairs, trainingData.Validation, training, sampling,
            trainingData.Preprocessing, trainingData.Info)
        {
            Classes = trainingData.Classes, ImpostorTrials = trainingData.ImpostorTrials, Recipe = recipe, StartedFrom = startedFrom,
        };

        Directory.CreateDirectory(outDir);
        TrainingResult result = await services.GetRequiredService<SiameseTrainer>()
            .TrainAsync(run, new LocalCheckpointSink(outDir), cancellationToken);

        EpochSummary? best = result.Best;
        await output.WriteLineAsync($"Checkpoints in {Path.GetFullPath(outDir)}; " +
                                    $"best: {CheckpointFormat.CheckpointName(best?.Epoch ?? 0)}" +
                                    (best?.Validation is { } v ? $" ({v})" : ""));
        return 0;
    }

    /// <summary>A local run's <see cref="TrainingStart.Served"/>: the shipped model (no name serves anything here).</summary>
    private static async Task<string?> StartFromShippedModelAsync(SiameseNetwork network, TextWriter output)
    {
        using SiameseNetwork shipped = DefaultModel.Load().Network;
        string? startedFrom = StartingWeights.Start(network, shipped, "the shipped model", out string reason);
        await output.WriteLineAsync(startedFrom is null
            ? $"Training starts from scratch, because {reason}."
            : $"Training starts from {startedFrom}.");
        return startedFrom;
    }

    private static async Task<int> RunStoredAsync(IServiceProvider services, string datasetId, string? model,
        StorageTrainingJob.RecipeChange? change, TextWriter output, CancellationToken cancellationToken)
    {
        var request = new TrainingRequest(datasetId, DatasetPaths.Manifest(datasetId), DateTimeOffset.UtcNow)
        {
            Model = model is null ? null : ModelName.Check(model),
        };
        string runId = await services.GetRequiredService<StorageTrainingJob>().RunAsync(request, change, cancellationToken);
        await output.WriteLineAsync(
            $"Checkpoints in models/{runId}/; the challenge with the served model is in models/{runId}/promotion.json.");
        return 0;
    }

    private static void RequireFreshOutput(string outDir)
    {
        if (File.Exists(outDir))
            throw new InvalidInputException("out.is-file", $"--out '{outDir}' is a file; give a folder for the run's checkpoints.");
        if (File.Exists(Path.Combine(outDir, CheckpointFormat.LatestPointer)))
            throw new InvalidInputException("out.not-empty",
                $"'{outDir}' already holds a training run ({CheckpointFormat.LatestPointer}); " +
                "give a new --out folder so nothing is overwritten.");
    }
}
