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
using Siamese.Trainer.Jobs;
using TorchSharp;

namespace Siamese.Trainer.Commands;

/// <summary>`train`: trains on a local zip or folder of class folders and writes a checkpoint per epoch.</summary>
internal static class TrainCommand
{
    public static Command Create(CommandContext context)
    {
        var data = new Option<string[]>("--data") { Description = "A zip or folder with one folder of images per class (e.g. data/omniglot/images_background_small1.zip); repeat to merge several (classes of the same name are one class)" };
        var dataset = new Option<string?>("--dataset") { Description = "The id of a prepared dataset in blob storage (connection setting Storage); checkpoints go to models/{runId}/" };
        var outDir = new Option<string?>("--out") { Description = "With --data: folder for this run's checkpoints (epoch-NNNN/, latest.json, best.json); must be new or empty" };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs (default 4)" };
        var batchSize = new Option<int?>("--batch-size") { Description = "Pairs per step (default 128)" };
        var learningRate = new Option<double?>("--lr") { Description = "Adam learning rate (default 1e-4)" };
        var pairsPerClass = new Option<int?>("--pairs-per-class") { Description = "Positive and negative pairs per class, each (default 10 + 10)" };
        var validationFraction = new Option<double?>("--validation-fraction") { Description = "Fraction of classes held out for validation (default 0.1; 0 = none)" };
        var validationTrials = new Option<int?>("--validation-trials") { Description = "One-shot trials per validation (default 400)" };
        var maxSteps = new Option<int?>("--max-steps") { Description = "Stop after this many steps in total (default: no limit)" };
        var seed = new Option<int?>("--seed") { Description = "Seed of the split, pairs, jitter, shuffling and initial weights (default 42)" };
        var device = new Option<string?>("--device") { Description = "auto (default), cpu or cuda" };
        var objective = new Option<TrainingObjective?>("--objective") { Description = "Pairs (default, the original: rendered pairs) or InBatch (batches of classes, every pair within a batch scored)" };
        var classesPerBatch = new Option<int?>("--classes-per-batch") { Description = "InBatch: classes per batch (default 32)" };
        var imagesPerClass = new Option<int?>("--images-per-class") { Description = "InBatch: images of each class per batch (default 4)" };
        var stepsPerEpoch = new Option<int?>("--steps-per-epoch") { Description = "InBatch: steps per epoch (default: one pass over the images)" };
        var rotatedClasses = new Option<bool?>("--rotated-classes") { Description = "InBatch: classes turned by 90/180/270 degrees count as new classes" };
        var affine = new Option<double?>("--affine") { Description = "InBatch: strength of random affine distortions (0 = none, default; 1 = ±10° rotation, ±10 % scale and shift, ±0.2 shear)" };
        var schedule = new Option<LearningRateSchedule?>("--schedule") { Description = "Constant (default) or Cosine learning rate" };
        var patience = new Option<int?>("--patience") { Description = "Stop after this many epochs without a better validation score (default 0: never)" };
        var resampler = new Option<Resampler?>("--resampler") { Description = "Nearest (default, the original) or Area resizing of the images" };
        var batchNormMomentum = new Option<double?>("--bn-momentum") { Description = "Momentum of the BatchNorm statistics, PyTorch convention (default 0.01 = Keras' 0.99, the original)" };
        var recipe = new Option<string?>("--recipe") { Description = $"A named recipe: {string.Join(" or ", TrainingRecipes.Presets.Keys)} (the pipeline's default: {TrainingRecipes.Default}); the other options override its values. Without it: configuration, whose defaults are the original's" };
        var flip = new Option<double?>("--flip") { Description = "Probability of the horizontal flip of the pair jitter (default 0.5)" };
        var model = new ModelOptionSet();

        var command = new Command("train", "Train on a local zip or folder (one folder per class), or on a prepared dataset in blob storage, and write a checkpoint after every epoch.")
        {
            data, dataset, outDir, recipe, epochs, batchSize, learningRate, pairsPerClass, validationFraction, validationTrials, maxSteps, seed, device,
            objective, classesPerBatch, imagesPerClass, stepsPerEpoch, rotatedClasses, affine, schedule, patience, resampler, flip, batchNormMomentum,
        };
        model.AddTo(command);
        command.Validators.Add(result =>
        {
            bool local = result.GetValue(data) is { Length: > 0 }, stored = result.GetValue(dataset) is not null;
            if (local == stored) result.AddError("Give exactly one of --data (a local zip or folder) or --dataset (a prepared dataset id).");
            else if (local && result.GetValue(outDir) is null) result.AddError("--data needs --out, the folder for the checkpoints.");
        });

        command.SetAction((result, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            model.Collect(result, overrides);
            overrides.Set("Training:Epochs", result.GetValue(epochs));
            overrides.Set("Training:BatchSize", result.GetValue(batchSize));
            overrides.Set("Training:LearningRate", result.GetValue(learningRate));
            overrides.Set("Training:ValidationFraction", result.GetValue(validationFraction));
            overrides.Set("Training:ValidationTrials", result.GetValue(validationTrials));
            overrides.Set("Training:MaxSteps", result.GetValue(maxSteps));
            overrides.Set("Training:Seed", result.GetValue(seed));
            overrides.Set("Training:Device", result.GetValue(device));
            overrides.Set("Training:Objective", result.GetValue(objective));
            overrides.Set("Training:ClassesPerBatch", result.GetValue(classesPerBatch));
            overrides.Set("Training:ImagesPerClass", result.GetValue(imagesPerClass));
            overrides.Set("Training:StepsPerEpoch", result.GetValue(stepsPerEpoch));
            overrides.Set("Training:RotatedClasses", result.GetValue(rotatedClasses));
            overrides.Set("Training:Affine", result.GetValue(affine));
            overrides.Set("Training:Schedule", result.GetValue(schedule));
            overrides.Set("Training:EarlyStoppingPatience", result.GetValue(patience));
            overrides.Set("Training:BatchNormMomentum", result.GetValue(batchNormMomentum));
            overrides.Set("Jitter:Resampler", result.GetValue(resampler));
            overrides.Set("Jitter:FlipProbability", result.GetValue(flip));
            overrides.Set("Sampling:PositivesPerClass", result.GetValue(pairsPerClass));
            overrides.Set("Sampling:NegativesPerClass", result.GetValue(pairsPerClass));

            string? recipeName = result.GetValue(recipe);
            var recipeValues = overrides.Where(o => o.Value is not null && TrainingRecipes.IsRecipeKey(o.Key)).ToList();
            return CommandRunner.RunAsync(context, overrides,
                (services, ct) => result.GetValue(dataset) is { } datasetId
                    ? RunStoredAsync(services, datasetId, recipeName is null && recipeValues.Count == 0 ? null : new StorageTrainingJob.RecipeChange(recipeName, recipeValues), context.Output, ct)
                    : RunAsync(services, result.GetValue(data)!, result.GetValue(outDir)!, recipeName is null ? null : TrainingRecipes.Resolve(recipeName, recipeValues), context.Output, ct),
                cancellationToken);
        });
        return command;
    }

    /// <param name="recipe">The named recipe with the command line's values, or null to take every value from configuration.</param>
    private static async Task<int> RunAsync(IServiceProvider services, string[] data, string outDir, TrainingRecipe? recipe, TextWriter output, CancellationToken cancellationToken)
    {
        TrainingOptions configured = services.GetRequiredService<IOptions<TrainingOptions>>().Value;
        ModelOptions model = recipe?.Model ?? services.GetRequiredService<IOptions<ModelOptions>>().Value;
        TrainingOptions training = recipe?.TrainingOn(configured) ?? configured;
        JitterOptions jitter = recipe?.Jitter ?? services.GetRequiredService<IOptions<JitterOptions>>().Value;
        ModelConfig config = model.ToConfig();
        ColorMode colorMode = model.ColorMode;
        PairSamplingOptions sampling = services.GetRequiredService<IOptions<PairSamplingOptions>>().Value;
        RequireFreshOutput(outDir);

        TrainingData trainingData = services.GetRequiredService<TrainingDataBuilder>()
            .Build(data, config.ImageSize, colorMode, jitter, sampling, training, cancellationToken);

        torch.manual_seed(training.Seed);
        using var network = new SiameseNetwork(config);
        string runId = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{trainingData.Info.Id[..8]}";
        var run = new TrainingRun(runId, network, trainingData.Pairs, trainingData.Validation, training, sampling,
            trainingData.Preprocessing, trainingData.Info) { Classes = trainingData.Classes, Recipe = recipe };

        Directory.CreateDirectory(outDir);
        TrainingResult result = await services.GetRequiredService<SiameseTrainer>()
            .TrainAsync(run, new LocalCheckpointSink(outDir), cancellationToken);

        EpochSummary? best = result.Best;
        await output.WriteLineAsync($"Checkpoints in {Path.GetFullPath(outDir)}; best: {LocalCheckpointStore.CheckpointName(best?.Epoch ?? 0)}" +
            (best?.Validation is { } v ? $" ({v})" : ""));
        return 0;
    }

    private static async Task<int> RunStoredAsync(IServiceProvider services, string datasetId, StorageTrainingJob.RecipeChange? change, TextWriter output,
        CancellationToken cancellationToken)
    {
        var request = new TrainingRequest(datasetId, DatasetPaths.Manifest(datasetId), DateTimeOffset.UtcNow);
        string runId = await services.GetRequiredService<StorageTrainingJob>().RunAsync(request, change, cancellationToken);
        await output.WriteLineAsync($"Checkpoints in models/{runId}/; the challenge with the served model is in models/{runId}/promotion.json.");
        return 0;
    }

    private static void RequireFreshOutput(string outDir)
    {
        if (File.Exists(outDir))
            throw new InvalidInputException("out.is-file", $"--out '{outDir}' is a file; give a folder for the run's checkpoints.");
        if (File.Exists(Path.Combine(outDir, LocalCheckpointStore.LatestPointer)))
            throw new InvalidInputException("out.not-empty", $"'{outDir}' already holds a training run ({LocalCheckpointStore.LatestPointer}); give a new --out folder so nothing is overwritten.");
    }
}
