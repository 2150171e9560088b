using System.Diagnostics;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Siamese.Model.Checkpoints;
using Siamese.Model.Network;
using Siamese.Model.Training;
using Siamese.Pipeline.Datasets;
using Siamese.Pipeline.Storage;
using Siamese.Tests;
using Siamese.Trainer.Jobs;

namespace Siamese.Trainer.Tests;

/// <summary>The trainer as the pipeline's job: datasets prepared by the real functions on a real Azurite.</summary>
[Collection(PipelineCollection.Name)]
public class StorageTrainingTests(PipelineFixture pipeline)
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(4);

    private BlobContainerClient Models => pipeline.Blobs.GetBlobContainerClient(StorageNames.ModelsContainer);

    [Fact]
    public async Task Watch_trains_a_requested_dataset_and_publishes_a_checkpoint_that_reproduces_the_trainers_outputs()
    {
        string id = await PrepareAsync(TestZips.Characters(16, 6, "watch-happy"), "watch-happy.zip");

        TrainerRun run = await TrainerRun.InvokeAsync(["watch"], Settings(epochs: 1, width: 0.0625));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Handled 1 training request", run.Output);
        CheckpointPointer latest = (await ReadAsync(ModelPaths.GlobalLatest, CheckpointJson.Default.CheckpointPointer))!;
        Assert.StartsWith(id + "-", latest.RunId);
        Assert.Equal($"{latest.RunId}/epoch-0001", latest.Checkpoint);
        CheckpointMetadata metadata = await AssertCompleteAsync(latest.Checkpoint);
        Assert.Equal(id, metadata.Data.Id);
        Assert.Equal(1, metadata.Epoch);
        foreach (var (file, contentType) in new[] { (CheckpointPictures.CurvesFile, "image/png"), (CheckpointPictures.ReportFile, "text/html; charset=utf-8") })
        {
            // Uploaded with the checkpoint, typed so that a storage browser opens them as a picture and a page.
            BlobProperties properties = (await Models.GetBlobClient($"{latest.Checkpoint}/{file}").GetPropertiesAsync()).Value;
            Assert.Equal(contentType, properties.ContentType);
            Assert.True(properties.ContentLength > 1000, $"{file} is only {properties.ContentLength} bytes");
        }
        Assert.Equal(0, (await pipeline.Queues.GetQueueClient(StorageNames.TrainingRequestsQueue).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_killed_job_resumes_from_its_last_checkpoint_when_restarted()
    {
        string id = await PrepareAsync(TestZips.Characters(20, 8, "kill-resume"), "kill-resume.zip");
        var environment = Settings(epochs: 4, width: 0.25);

        using (Process first = StartTrainerProcess(environment))
        {
            await WaitForAsync(async () => await FindRunAsync(id) is { } r && await Models.GetBlobClient($"{r}/epoch-0001/{CheckpointStore.MetadataFile}").ExistsAsync(),
                () => processOutput.ToString());
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }
        string runId = (await FindRunAsync(id))!;
        var firstCheckpoint = Models.GetBlobClient($"{runId}/epoch-0001/{CheckpointStore.MetadataFile}");
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
        CheckpointMetadata one = (await ReadAsync($"{runId}/epoch-0001/{CheckpointStore.MetadataFile}", CheckpointJson.Default.CheckpointMetadata))!;
        Assert.Equal(epochAtKill, last.ResumedFromEpoch);
        Assert.Equal(4 * one.Training.Steps, last.Training.Steps);                              // the step counter continued
        // The history went on from the checkpoint resumed from, so the last curves show the whole run from step 1.
        TrainingHistory history = (await ReadAsync($"{runId}/epoch-0004/{TrainingHistory.FileName}", CheckpointJson.Default.TrainingHistory))!;
        Assert.Equal(1, history.FirstStep);
        Assert.Equal(last.Training.Steps, history.StepLosses.Count);
        Assert.Equal([1, 2, 3, 4], history.Epochs.Select(e => e.Epoch));
        Assert.Equal(Enumerable.Range(1, 4).Select(e => e * one.Training.Steps), history.Epochs.Select(e => e.Steps));
        Assert.Equal($"{runId}/epoch-0004", (await ReadAsync(ModelPaths.GlobalLatest, CheckpointJson.Default.CheckpointPointer))!.Checkpoint);
    }

    [Fact]
    public async Task Training_survives_azurite_stopping_for_a_few_seconds_and_publishes_nothing_partial()
    {
        string id = await PrepareAsync(TestZips.Characters(20, 8, "outage"), "outage.zip");

        Task<TrainerRun> watching = TrainerRun.InvokeAsync(["watch"], Settings(epochs: 4, width: 0.25));
        await WaitForAsync(async () => await FindRunAsync(id) is { } r && await Models.GetBlobClient($"{r}/epoch-0001/{CheckpointStore.MetadataFile}").ExistsAsync());
        await pipeline.Azurite.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        await pipeline.Azurite.StartAsync();
        TrainerRun run = await watching.WaitAsync(Bound);

        Assert.True(run.ExitCode == 0, run.Error);
        string runId = (await FindRunAsync(id))!;
        for (int epoch = 1; epoch <= 4; epoch++)
            await AssertCompleteAsync($"{runId}/epoch-{epoch:D4}");
        Assert.Equal($"{runId}/epoch-0004", (await ReadAsync(ModelPaths.GlobalLatest, CheckpointJson.Default.CheckpointPointer))!.Checkpoint);
    }

    [Fact]
    public async Task Requests_for_missing_or_failed_datasets_go_to_the_poison_queue_and_the_next_request_is_served()
    {
        string good = await PrepareAsync(TestZips.Characters(12, 6, "after-poison"), "after-poison.zip");
        string failed = await pipeline.UploadAsync("failed-for-training.zip", TestZips.Characters(1, 5, "one-class-for-training"));
        Assert.Equal(DatasetState.Failed, (await pipeline.WaitForFinalStatusAsync(failed, Bound)).State);
        var requests = pipeline.Queues.GetQueueClient(StorageNames.TrainingRequestsQueue);
        await requests.ClearMessagesAsync();
        foreach (string datasetId in new[] { "00000000deadbeef", failed, good })
            await requests.SendMessageAsync(JsonSerializer.Serialize(new TrainingRequest(datasetId, DatasetPaths.Manifest(datasetId), DateTimeOffset.UtcNow), PipelineJson.Default.TrainingRequest));

        TrainerRun run = await TrainerRun.InvokeAsync(["watch", "--max-requests", "3"], Settings(epochs: 1, width: 0.0625));

        Assert.True(run.ExitCode == 0, run.Error);
        var poison = pipeline.Queues.GetQueueClient(TrainingRequestWatcher.PoisonQueue);
        var poisoned = (await poison.PeekMessagesAsync(32)).Value.Select(m => JsonSerializer.Deserialize(m.Body.ToString(), TrainerJson.Default.PoisonedRequest)!).ToList();
        Assert.Contains(poisoned, p => p.Code == "dataset.not-found" && p.Request.Contains("00000000deadbeef", StringComparison.Ordinal));
        Assert.Contains(poisoned, p => p.Code == "dataset.failed" && p.Request.Contains(failed, StringComparison.Ordinal) && p.Reason.Contains("data.too-few-classes", StringComparison.Ordinal));
        Assert.StartsWith(good + "-", (await ReadAsync(ModelPaths.GlobalLatest, CheckpointJson.Default.CheckpointPointer))!.RunId);
        Assert.Equal(0, (await requests.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    private Dictionary<string, string?> Settings(int epochs, double width) => new()
    {
        [StorageNames.Connection] = pipeline.Azurite.ConnectionString,
        ["Model:Width"] = width.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Model:BlocksPerStage"] = "1,1,1,1",
        ["Training:Epochs"] = $"{epochs}",
        ["Training:BatchSize"] = "16",
        ["Training:ValidationTrials"] = "20",
        ["Watch:PollIntervalSeconds"] = "0.2",
        ["Watch:VisibilityTimeoutSeconds"] = "4",
        ["Watch:MaxRequests"] = "1",
    };

    /// <summary>Uploads a zip, waits until it is ready, and leaves exactly its training request in the queue.</summary>
    private async Task<string> PrepareAsync(byte[] zip, string name)
    {
        await pipeline.Queues.GetQueueClient(StorageNames.TrainingRequestsQueue).ClearMessagesAsync();
        string id = await pipeline.UploadAsync(name, zip);
        Assert.Equal(DatasetState.Ready, (await pipeline.WaitForFinalStatusAsync(id, Bound)).State);
        return id;
    }

    private readonly System.Text.StringBuilder processOutput = new();

    private Process StartTrainerProcess(Dictionary<string, string?> settings)
    {
        ProcessStartInfo start = TrainerProcess.StartInfo("watch");
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
        await foreach (BlobHierarchyItem item in Models.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", datasetId + "-", default))
            if (item.IsPrefix) return item.Prefix.TrimEnd('/');
        return null;
    }

    /// <summary>A checkpoint folder with all three files, whose weights reproduce the probe scores the trainer recorded.</summary>
    private async Task<CheckpointMetadata> AssertCompleteAsync(string folder)
    {
        CheckpointMetadata metadata = (await ReadAsync($"{folder}/{CheckpointStore.MetadataFile}", CheckpointJson.Default.CheckpointMetadata))!;
        Assert.NotNull(metadata);
        Assert.True(await Models.GetBlobClient($"{folder}/{CheckpointStore.OptimizerFile}").ExistsAsync(), $"{folder} lacks its optimizer state");
        byte[] weights = (await Models.GetBlobClient($"{folder}/{CheckpointStore.WeightsFile}").DownloadContentAsync()).Value.Content.ToArray();
        using var network = new SiameseNetwork(metadata.Model);
        WeightsSerializer.Read(network, new MemoryStream(weights), folder);
        Assert.Equal(metadata.ProbeScores, CheckpointProbe.Scores(network));
        return metadata;
    }

    private async Task<T?> ReadAsync<T>(string blobName, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) where T : class
    {
        BlobClient blob = Models.GetBlobClient(blobName);
        return await blob.ExistsAsync() ? JsonSerializer.Deserialize((await blob.DownloadContentAsync()).Value.Content.ToMemory().Span, type) : null;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, Func<string>? context = null)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromMinutes(2); await Task.Delay(100))
            if (await condition()) return;
        Assert.Fail($"condition not met within 2 minutes. {context?.Invoke()}");
    }
}
