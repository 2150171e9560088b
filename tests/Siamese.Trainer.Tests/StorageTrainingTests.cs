using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Siamese.Model.Checkpoints;
using Siamese.Model.Data;
using Siamese.Model.Imaging;
using Siamese.Model.Network;
using Siamese.Model.Recipes;
using Siamese.Model.Training;
using Siamese.Storage;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Datasets;
using Siamese.Storage.Promotion;
using Siamese.Testing;
using Siamese.Testing.Stack;
using Siamese.Trainer.Jobs;

namespace Siamese.Trainer.Tests;

/// <summary>The trainer as the pipeline's job: datasets prepared by the real functions on a real Azurite.</summary>
[Collection(PipelineCollection.Name)]
public class StorageTrainingTests(StackFixture pipeline)
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(4);

    private BlobContainerClient Models => pipeline.Blobs.GetBlobContainerClient(StorageNames.ModelsContainer);

    [Fact]
    public async Task Watch_trains_the_original_recipe_from_the_pair_shards_and_a_weak_challenger_is_not_served_on_lakes_runs()
    {
        // The original's: every class trained on, the last epoch put forward, and the challenge on Lake's runs (it holds
        // out nothing), where the default model's recorded 90 % is far beyond one epoch of a tiny network.
        Dictionary<string, string> recipe = TestRecipes.Original(epochs: 1);
        byte[] zip = TestZips.Characters(16, 6, "watch-happy");
        string id = await PrepareAsync(zip, "watch-happy.zip", recipe);
        ServedModelPointer? servedBefore = await ServedAsync();

        string output = await RunTrainerProcessAsync("watch");

        Assert.Contains("Handled 1 training request", output);
        Assert.DoesNotContain("renders its own pairs", output); // it trained on the dataset's pair shards
        string runId = (await FindRunAsync(id))!;
        CheckpointPointer latest = (await ReadAsync(ModelPaths.RunLatest(runId), CheckpointJson.Default.CheckpointPointer))!;
        Assert.Equal("epoch-0001", latest.Checkpoint);
        CheckpointMetadata metadata = await AssertCompleteAsync($"{runId}/epoch-0001");
        Assert.Equal(id, metadata.Data.Id);
        Assert.Equal("original", metadata.Recipe!.Name);
        Assert.Equal(TrainingObjective.Pairs, metadata.Training.Objective);
        Assert.Equal((16, 0), (metadata.Data.TrainingClasses, metadata.Data.ValidationClasses));
        using (var archive = new ZipArchive(new MemoryStream(zip)))
        {
            var classes = ClassIndex.Build(archive.Entries.Select(e => e.FullName)).Classes;
            Assert.Equal(new PairSampler(new PairSamplingOptions(), 42, PairSelection.ListingOrder).Sample(classes).Count,
                metadata.Data.TrainingPairs);
        }
        Assert.Null(metadata.Threshold); // no held-out classes to calibrate on: served at Serving:Threshold, as the original
        // The curves are uploaded with the checkpoint, typed so that a storage browser opens them as a picture; with no
        // validation split there is no report of validation trials.
        BlobProperties curves = (await Models.GetBlobClient($"{runId}/epoch-0001/{CheckpointPictures.CurvesFile}").GetPropertiesAsync())
            .Value;
        Assert.Equal(("image/png", true), (curves.ContentType, curves.ContentLength > 1000));
        Assert.False((await Models.GetBlobClient($"{runId}/epoch-0001/{CheckpointPictures.ReportFile}").ExistsAsync()).Value);
        var requests = pipeline.Queues.GetQueueClient(StorageNames.TrainingRequestsQueue);
        Assert.Equal(0, (await requests.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        // One epoch of a tiny network against the served model on the same trials: recorded, and not served.
        PromotionDecision decision = (await ReadAsync(ModelPaths.RunPromotion(runId), StorageJson.Default.PromotionDecision))!;
        Assert.False(decision.Promoted, decision.Summary);
        Assert.NotNull(decision.Scores);
        Assert.True(decision.Scores.ChallengerAccuracy < decision.Scores.ChampionAccuracy, decision.Summary);
        Assert.Equal((400, 20, 0), (decision.Scores.TrialCount, decision.Scores.Ways, decision.Scores.HeldOutClasses));
        Assert.StartsWith("not promoted: ", decision.Summary);
        // Each score with its 95 % interval, and where the trials come from and why.
        Assert.Contains(decision.Scores.Comparison, decision.Summary);
        Assert.Matches(@"^not promoted: \d+\.\d % \(95 % CI \d+\.\d–\d+\.\d\) vs 90\.3 % \(\d+\.\d–\d+\.\d\) " +
                       @"\(the default model\) on the same 400 20-way trials of Lake's 20-way one-shot runs \(all_runs\.zip\), the " +
                       @"default model's benchmark, the trials the recipe names \(Training:ChallengeTrials\): it holds out none of the " +
                       "upload's classes", decision.Summary);
        Assert.Equal(servedBefore?.UpdatedUtc, (await ServedAsync())?.UpdatedUtc);
        DatasetStatus status = (await pipeline.ReadAsync(DatasetPaths.Status(id), StorageJson.Default.DatasetStatus))!;
        Assert.Equal(DatasetState.Ready, status.State);
        Assert.Equal((runId, TrainingState.NotPromoted, decision.Summary),
            (status.Training!.RunId, status.Training.State, status.Training.Summary));
        // Lake's runs, what `default` was chosen on, are these trials themselves: not scored a second time as a reference.
        Assert.DoesNotContain(decision.ReferenceScores, r => r.Reference.IsShippedBenchmark);

        // Trained again without the JPEG step, the dataset's pair shards are not the run's pairs: it renders its own.
        Assert.Contains("renders its own pairs from the class images",
            await RunTrainerProcessAsync("train", "--dataset", id, "--pair-jpeg-quality", "0"));
    }

    [Fact]
    public async Task A_new_names_first_model_meets_the_shipped_model_and_is_served_by_hand_when_it_loses_and_default_never_changes()
    {
        string model = $"faces-{Guid.NewGuid():N}"[..18];
        ServedModelPointer? defaultBefore = await ServedAsync();
        Dictionary<string, string> recipe = TestRecipes.InBatch(epochs: 1, stepsPerEpoch: 1);
        recipe["Training__ValidationFraction"] = "0.25";
        recipe[ModelName.Metadata] = model;
        string first = await PrepareAsync(TestZips.Characters(12, 6, "own-name-first"), "own-name-first.zip", recipe);

        Assert.True((await TrainerRun.InvokeAsync(["watch"], Settings())).ExitCode == 0);

        // One step of a tiny network against the shipped model (what a new name's training starts from) on its 6 held-out
        // classes (the inbatch recipe's floor of 10, capped at half of 12): the shipped model answers better, nothing is served.
        string firstRun = (await FindRunAsync(first))!;
        PromotionDecision firstDecision = (await ReadAsync(ModelPaths.RunPromotion(firstRun), StorageJson.Default.PromotionDecision))!;
        Assert.Equal(model, firstDecision.Model);
        Assert.NotNull(firstDecision.Scores);
        Assert.Equal(("the shipped model", 6), (firstDecision.Scores.Champion, firstDecision.Scores.HeldOutClasses));
        Assert.Empty(firstDecision.ReferenceScores);
        Assert.False(firstDecision.Promoted, firstDecision.Summary);
        Assert.True(firstDecision.Scores.ChampionAccuracy > firstDecision.Scores.ChallengerAccuracy, firstDecision.Summary);
        Assert.Equal($"not promoted: {firstDecision.Scores.Comparison}. The shipped model answers these images better; nothing " +
                     $"is served under '{model}' yet: call `default` for the shipped model's answers, or serve this run by hand " +
                     $"with `siamese models promote {firstRun} --model {model}`", firstDecision.Summary);
        Assert.EndsWith("(the shipped model) on the same 20 6-way trials of 6 held-out classes", firstDecision.Scores.Comparison);
        Assert.Null(await ReadAsync(ModelPaths.Served(model), StorageJson.Default.ServedModelPointer));
        Assert.Equal(defaultBefore?.UpdatedUtc, (await ServedAsync())?.UpdatedUtc);   // default's answers did not change
        DatasetStatus status = (await pipeline.ReadAsync(DatasetPaths.Status(first), StorageJson.Default.DatasetStatus))!;
        Assert.Equal((firstRun, TrainingState.NotPromoted), (status.TrainingFor(model)?.RunId, status.TrainingFor(model)?.State));

        // Served by hand, as the decision says (the tool's promote is ServedModels.PromoteRunAsync): the name exists, and its
        // next challenger meets that model, not the shipped one.
        await pipeline.Services.GetRequiredService<ServedModels>().PromoteRunAsync(model, firstRun, checkpoint: null,
            "served by the test", CancellationToken.None);
        string second = await PrepareAsync(TestZips.Characters(12, 6, "own-name-second"), "own-name-second.zip", recipe);
        Assert.True((await TrainerRun.InvokeAsync(["watch"], Settings())).ExitCode == 0);

        PromotionDecision decision =
            (await ReadAsync(ModelPaths.RunPromotion((await FindRunAsync(second))!), StorageJson.Default.PromotionDecision))!;
        Assert.Equal($"served {firstRun}/epoch-0001", decision.Scores!.Champion);
        Assert.Empty(decision.ReferenceScores);   // an operator's promotion records no trials to answer to
        Assert.Equal(decision.Scores.ChallengerWins, decision.Promoted);
        Assert.Equal(defaultBefore?.UpdatedUtc, (await ServedAsync())?.UpdatedUtc);
    }

    [Fact]
    public async Task An_upload_with_too_few_held_out_classes_is_not_promoted_and_the_decision_says_how_to_serve_it()
    {
        // 12 classes and a tenth held out: 2 held-out classes, 2-way trials that cannot tell two models apart.
        Dictionary<string, string> recipe = TestRecipes.Original(epochs: 1);
        recipe["Training__ValidationFraction"] = "0.1";
        recipe["Training__ChallengeTrials"] = "HeldOut";
        string id = await PrepareAsync(TestZips.Characters(12, 6, "too-small"), "too-small.zip", recipe);
        ServedModelPointer? servedBefore = await ServedAsync();

        TrainerRun run = await TrainerRun.InvokeAsync(["watch"], Settings());

        Assert.True(run.ExitCode == 0, run.Error);
        string runId = (await FindRunAsync(id))!;
        PromotionDecision decision = (await ReadAsync(ModelPaths.RunPromotion(runId), StorageJson.Default.PromotionDecision))!;
        Assert.False(decision.Promoted, decision.Summary);
        Assert.Null(decision.Scores);
        Assert.Equal("not promoted: too small to decide: 2 held-out classes, at least 5 are needed for one-shot trials that tell " +
                     "two models apart; upload more classes, or serve it by hand with " +
                     $"`siamese models promote {runId} --model default`", decision.Summary);
        Assert.Equal(servedBefore?.UpdatedUtc, (await ServedAsync())?.UpdatedUtc);
        DatasetStatus status = (await pipeline.ReadAsync(DatasetPaths.Status(id), StorageJson.Default.DatasetStatus))!;
        Assert.Equal((TrainingState.NotPromoted, decision.Summary), (status.Training!.State, status.Training.Summary));
    }

    [Fact]
    public async Task An_upload_with_impostors_trains_on_them_and_its_challenger_meets_the_champion_on_the_same_impostor_trials()
    {
        using var temp = new TempDirectory();
        byte[] zip = File.ReadAllBytes(TestData.ForgedOmniglotZip(temp, classes: 12, perClass: 6, impostorsPerClass: 2));
        Dictionary<string, string> recipe = TestRecipes.InBatch(epochs: 1, stepsPerEpoch: 1, trials: 30);
        recipe["Training__ValidationFraction"] = "0.25";
        recipe["Training__ImpostorsPerClass"] = "1";
        string id = await PrepareAsync(zip, "forged.zip", recipe);

        Assert.True((await TrainerRun.InvokeAsync(["watch"], Settings())).ExitCode == 0);

        string runId = (await FindRunAsync(id))!;
        CheckpointMetadata metadata = await AssertCompleteAsync($"{runId}/epoch-0001");
        Assert.Equal(1, metadata.Training.ImpostorsPerClass);
        PromotionDecision decision = (await ReadAsync(ModelPaths.RunPromotion(runId), StorageJson.Default.PromotionDecision))!;
        ImpostorScores impostors = decision.Impostors!;
        Assert.Equal((6, 30), (impostors.Classes, impostors.TrialCount));   // the recipe holds out at least 10 classes, up to half
        Assert.Contains(impostors.Comparison, decision.Summary);
        Assert.Equal(decision.Scores!.ChallengerWins && impostors.Held && decision.ReferenceScores.All(r => r.Held), decision.Promoted);
    }

    [Fact]
    public async Task The_default_recipe_trains_from_the_class_images_in_storage()
    {
        string id = await PrepareAsync(TestZips.Characters(16, 6, "watch-in-batch"), "watch-in-batch.zip",
            TestRecipes.InBatch(epochs: 2, stepsPerEpoch: 3));

        TrainerRun run = await TrainerRun.InvokeAsync(["watch"], Settings());

        Assert.True(run.ExitCode == 0, run.Error);
        string runId = (await FindRunAsync(id))!;
        CheckpointMetadata metadata = await AssertCompleteAsync($"{runId}/epoch-0002");
        Assert.Equal(TrainingRecipes.InBatch, metadata.Recipe!.Name);
        Assert.Equal(TrainingObjective.InBatch, metadata.Training.Objective);
        Assert.Equal(LearningRateSchedule.Cosine, metadata.Training.Schedule);
        Assert.True(metadata.Training.RotatedClasses);
        Assert.Equal((ColorMode.Grayscale, Resampler.Area), (metadata.Preprocessing.ColorMode, metadata.Preprocessing.Resampler));
        Assert.Equal(6, metadata.Training.Steps);
        Assert.Equal(0, metadata.Data.TrainingPairs);           // no rendered pair was used: images by class
        // The recipe holds out at least 10 classes, up to half: 8 of 16 (its tenth alone would be 2).
        Assert.Equal((8, 8), (metadata.Data.TrainingClasses, metadata.Data.ValidationClasses));
        Assert.Equal(10, metadata.Training.MinValidationClasses);
        Assert.NotNull(await ReadAsync(ModelPaths.RunPromotion(runId), StorageJson.Default.PromotionDecision));
    }

    [Fact]
    public async Task A_recipe_that_starts_from_the_served_model_takes_the_shipped_models_weights_for_a_name_that_serves_nothing()
    {
        string id = await PrepareAsync(TestZips.Characters(12, 6, "watch-start"), "watch-start.zip", new Dictionary<string, string>
        {
            ["recipe"] = TrainingRecipes.Photos,
            ["model"] = "start-test",
            ["Model__ImageSize"] = "32",
            ["Jitter__ResizeTo"] = "36",
            ["Jitter__CropTo"] = "32",
            ["Training__Epochs"] = "1",
            ["Training__StepsPerEpoch"] = "1",
            ["Training__ClassesPerBatch"] = "4",
            ["Training__ValidationTrials"] = "10",
        });

        TrainerRun run = await TrainerRun.InvokeAsync(["watch"], Settings());

        Assert.True(run.ExitCode == 0, run.Error);
        CheckpointMetadata metadata = await AssertCompleteAsync($"{(await FindRunAsync(id))!}/epoch-0001");
        Assert.Equal("the shipped model", metadata.StartedFrom);
        Assert.Equal(TrainingStart.Served, metadata.Recipe!.Training.Start);
    }

    [Fact]
    public async Task Models_export_downloads_a_runs_checkpoint_that_loads_locally_and_refuses_what_it_cannot_write()
    {
        string id = await PrepareAsync(TestZips.Characters(12, 6, "export"), "export.zip",
            TestRecipes.InBatch(epochs: 1, stepsPerEpoch: 1));
        Assert.True((await TrainerRun.InvokeAsync(["watch"], Settings())).ExitCode == 0);
        string runId = (await FindRunAsync(id))!;
        using var temp = new TempDirectory();
        string folder = temp.Combine("exported");

        TrainerRun export = await TrainerRun.InvokeAsync(["models", "export", "--run", runId, "--out", folder], Settings());

        Assert.True(export.ExitCode == 0, export.Error);
        Assert.Contains($"models/{runId}/epoch-0001", export.Output);
        var (network, metadata) = LocalCheckpointStore.Load(folder);
        using (network) Assert.Equal((runId, 1), (metadata.RunId, metadata.Epoch));
        (await TrainerRun.InvokeAsync(["models", "export", "--run", runId, "--out", folder], Settings()))
            .AssertRefused($"error: '{folder}' is not empty");
        string[] unknownRun = ["models", "export", "--run", "0000000000000000-00000000", "--out", temp.Combine("none")];
        (await TrainerRun.InvokeAsync(unknownRun, Settings()))
            .AssertRefused("error: Run 0000000000000000-00000000 has no such complete checkpoint");
    }

    [Fact]
    public async Task A_killed_job_resumes_from_its_last_checkpoint_when_restarted()
    {
        string id = await PrepareAsync(TestZips.Characters(20, 8, "kill-resume"), "kill-resume.zip",
            TestRecipes.Original(epochs: 4, width: 0.25));
        var environment = Settings();

        using (Process first = StartTrainerProcess(environment))
        {
            await WaitForAsync(() => FirstCheckpointExistsAsync(id), () => processOutput.ToString());
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }
        string runId = (await FindRunAsync(id))!;
        var firstCheckpoint = Models.GetBlobClient($"{runId}/epoch-0001/{CheckpointFormat.MetadataFile}");
        Azure.ETag firstETag = (await firstCheckpoint.GetPropertiesAsync()).Value.ETag;
        int epochAtKill = (await ReadAsync(ModelPaths.RunLatest(runId), CheckpointJson.Default.CheckpointPointer))!.Epoch;
        Assert.True(epochAtKill < 4, "the job finished before it could be interrupted; the test needs a slower configuration");

        using (Process second = StartTrainerProcess(environment))
        {
            using var timeout = new CancellationTokenSource(Bound);
            await second.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, second.ExitCode);
        }

        Assert.Equal(firstETag, (await firstCheckpoint.GetPropertiesAsync()).Value.ETag);   // epoch 1 was not trained again
        CheckpointMetadata last = await AssertCompleteAsync($"{runId}/epoch-0004");
        CheckpointMetadata one = (await ReadMetadataAsync($"{runId}/epoch-0001"))!;
        Assert.Equal(epochAtKill, last.ResumedFromEpoch);
        Assert.Equal(4 * one.Training.Steps, last.Training.Steps);                              // the step counter continued
        // The history went on from the checkpoint resumed from, so the last curves show the whole run from step 1.
        TrainingHistory history =
            (await ReadAsync($"{runId}/epoch-0004/{TrainingHistory.FileName}", CheckpointJson.Default.TrainingHistory))!;
        Assert.Equal(1, history.FirstStep);
        Assert.Equal(last.Training.Steps, history.StepLosses.Count);
        Assert.Equal([1, 2, 3, 4], history.Epochs.Select(e => e.Epoch));
        Assert.Equal(Enumerable.Range(1, 4).Select(e => e * one.Training.Steps), history.Epochs.Select(e => e.Steps));
        Assert.Equal("epoch-0004", (await ReadAsync(ModelPaths.RunLatest(runId), CheckpointJson.Default.CheckpointPointer))!.Checkpoint);
        Assert.NotNull(await ReadAsync(ModelPaths.RunPromotion(runId), StorageJson.Default.PromotionDecision));
    }

    [Fact]
    public async Task Training_survives_azurite_stopping_for_a_few_seconds_and_publishes_nothing_partial()
    {
        string id = await PrepareAsync(TestZips.Characters(20, 8, "outage"), "outage.zip", TestRecipes.Original(epochs: 4, width: 0.25));

        Task<TrainerRun> watching = TrainerRun.InvokeAsync(["watch"], Settings());
        await WaitForAsync(() => FirstCheckpointExistsAsync(id));
        await pipeline.Azurite.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        await pipeline.Azurite.StartAsync();
        TrainerRun run = await watching.WaitAsync(Bound);

        Assert.True(run.ExitCode == 0, run.Error);
        string runId = (await FindRunAsync(id))!;
        for (int epoch = 1; epoch <= 4; epoch++)
            await AssertCompleteAsync($"{runId}/epoch-{epoch:D4}");
        Assert.Equal("epoch-0004", (await ReadAsync(ModelPaths.RunLatest(runId), CheckpointJson.Default.CheckpointPointer))!.Checkpoint);
    }

    [Fact]
    public async Task Requests_for_missing_or_failed_datasets_go_to_the_poison_queue_and_the_next_request_is_served()
    {
        string good = await PrepareAsync(TestZips.Characters(12, 6, "after-poison"), "after-poison.zip", TestRecipes.Original(epochs: 1));
        string failed = await pipeline.UploadAsync("failed-for-training.zip", TestZips.Characters(1, 5, "one-class-for-training"));
        Assert.Equal(DatasetState.Failed, (await pipeline.WaitForFinalStatusAsync(failed, Bound)).State);
        var requests = pipeline.Queues.GetQueueClient(StorageNames.TrainingRequestsQueue);
        await requests.ClearMessagesAsync();
        foreach (string datasetId in new[] { "00000000deadbeef", failed, good })
        {
            var request = new TrainingRequest(datasetId, DatasetPaths.Manifest(datasetId), DateTimeOffset.UtcNow);
            await requests.SendMessageAsync(JsonSerializer.Serialize(request, StorageJson.Default.TrainingRequest));
        }

        TrainerRun run = await TrainerRun.InvokeAsync(["watch", "--max-requests", "3"], Settings());

        Assert.True(run.ExitCode == 0, run.Error);
        var poison = pipeline.Queues.GetQueueClient(TrainingRequestWatcher.PoisonQueue);
        var poisoned = (await poison.PeekMessagesAsync(32)).Value
            .Select(m => JsonSerializer.Deserialize(m.Body.ToString(), TrainerJson.Default.PoisonedRequest)!).ToList();
        Assert.Contains(poisoned, p => p.Code == "dataset.not-found" && p.Request.Contains("00000000deadbeef", StringComparison.Ordinal));
        Assert.Contains(poisoned, p => p.Code == "dataset.failed" && p.Request.Contains(failed, StringComparison.Ordinal)
                                       && p.Reason.Contains("data.too-few-classes", StringComparison.Ordinal));
        Assert.NotNull(await ReadAsync(ModelPaths.RunPromotion((await FindRunAsync(good))!), StorageJson.Default.PromotionDecision));
        Assert.Equal(0, (await requests.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    /// <summary>The trainer's own settings; what it trains comes from each upload's recipe (<see cref="TestRecipes"/>).</summary>
    private Dictionary<string, string?> Settings() => new()
    {
        [StorageNames.Connection] = pipeline.Azurite.ConnectionString,
        ["Watch:PollIntervalSeconds"] = "0.2",
        ["Watch:VisibilityTimeoutSeconds"] = "4",
        ["Watch:MaxRequests"] = "1",
    };

    /// <summary>
    /// Uploads a zip with its recipe choice, waits until it is ready, and leaves exactly its training request in the queue.
    /// </summary>
    private async Task<string> PrepareAsync(byte[] zip, string name, Dictionary<string, string> recipe)
    {
        await pipeline.Queues.GetQueueClient(StorageNames.TrainingRequestsQueue).ClearMessagesAsync();
        string id = await pipeline.UploadAsync(name, zip, recipe);
        Assert.Equal(DatasetState.Ready, (await pipeline.WaitForFinalStatusAsync(id, Bound)).State);
        return id;
    }

    private readonly System.Text.StringBuilder processOutput = new();

    /// <summary>The trainer as a process of its own (its log lines are on its console), run to its end; what it wrote.</summary>
    private async Task<string> RunTrainerProcessAsync(params string[] args)
    {
        lock (processOutput) processOutput.Clear();
        using Process process = StartTrainerProcess(Settings(), args);
        using var timeout = new CancellationTokenSource(Bound);
        await process.WaitForExitAsync(timeout.Token);
        lock (processOutput)
        {
            Assert.True(process.ExitCode == 0, processOutput.ToString());
            return processOutput.ToString();
        }
    }

    private Process StartTrainerProcess(Dictionary<string, string?> settings, params string[] args)
    {
        ProcessStartInfo start = TrainerProcess.StartInfo(args.Length == 0 ? ["watch"] : args);
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (processOutput) processOutput.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (processOutput) processOutput.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<string?> FindRunAsync(string datasetId)
    {
        if (!await Models.ExistsAsync()) return null;
        await foreach (BlobHierarchyItem item in
                       Models.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", datasetId + "-", default))
            if (item.IsPrefix) return item.Prefix.TrimEnd('/');
        return null;
    }

    private async Task<bool> FirstCheckpointExistsAsync(string datasetId) =>
        await FindRunAsync(datasetId) is { } runId
        && await Models.GetBlobClient($"{runId}/epoch-0001/{CheckpointFormat.MetadataFile}").ExistsAsync();

    private Task<ServedModelPointer?> ServedAsync() =>
        ReadAsync(ModelPaths.Served(ModelName.Default), StorageJson.Default.ServedModelPointer);

    private Task<CheckpointMetadata?> ReadMetadataAsync(string folder) =>
        ReadAsync($"{folder}/{CheckpointFormat.MetadataFile}", CheckpointJson.Default.CheckpointMetadata);

    /// <summary>A checkpoint folder with all three files, whose weights reproduce the probe scores the trainer recorded.</summary>
    private async Task<CheckpointMetadata> AssertCompleteAsync(string folder)
    {
        CheckpointMetadata metadata = (await ReadMetadataAsync(folder))!;
        Assert.NotNull(metadata);
        Assert.True(await Models.GetBlobClient($"{folder}/{CheckpointFormat.OptimizerFile}").ExistsAsync(),
            $"{folder} lacks its optimizer state");
        var weightsBlob = Models.GetBlobClient($"{folder}/{CheckpointFormat.WeightsFile}");
        byte[] weights = (await weightsBlob.DownloadContentAsync()).Value.Content.ToArray();
        using var network = new SiameseNetwork(metadata.Model);
        WeightsSerializer.Read(network, new MemoryStream(weights), folder);
        Assert.Equal(metadata.ProbeScores, CheckpointProbe.Scores(network));
        return metadata;
    }

    private async Task<T?> ReadAsync<T>(string blobName, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) where T : class
    {
        BlobClient blob = Models.GetBlobClient(blobName);
        if (!await blob.ExistsAsync()) return null;
        return JsonSerializer.Deserialize((await blob.DownloadContentAsync()).Value.Content.ToMemory().Span, type);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, Func<string>? context = null)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromMinutes(2); await Task.Delay(100))
            if (await condition()) return;
        Assert.Fail($"condition not met within 2 minutes. {context?.Invoke()}");
    }
}
