using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Siamese.AppHost.Commands;
using Siamese.DevStorage;
using Siamese.Model.Checkpoints;
using Siamese.Model.Data;
using Siamese.Model.Network;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Promotion;

namespace Siamese.AppHost.Tests;

/// <summary>
/// The dashboard commands' work against a real Azurite, through the product's storage wiring (ProductStorage): the sample
/// upload, the refusals a fresh stack gives, and promote, roll back and report under a model name of their own (default is
/// left as it is). EndToEndTests runs them through Aspire on a trained stack.
/// </summary>
public sealed class DashboardCommandsTests(DashboardCommandsTests.Stack stack) : IClassFixture<DashboardCommandsTests.Stack>
{
    private static readonly Uri Functions = new("http://localhost:7071");

    private readonly ProductStorage storage = stack.Storage;

    /// <summary>One Azurite for the class (each start and stop costs seconds); no test here changes what another reads.</summary>
    public sealed class Stack : IAsyncLifetime
    {
        private Azurite azurite = null!;

        public ProductStorage Storage { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            azurite = await Azurite.StartNewAsync();
            Storage = new ProductStorage(azurite.ConnectionString, NullLoggerFactory.Instance);
        }

        public async Task DisposeAsync()
        {
            Storage.Dispose();
            await azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task Upload_sample_zip_puts_the_sample_into_raw_once_and_names_its_dataset()
    {
        string sample = Path.Combine(Repository.Root, UploadSampleCommand.SampleZip);
        string datasetId = ContentIds.Of(await File.ReadAllBytesAsync(sample));
        var blobs = storage.Get<BlobServiceClient>();

        ExecuteCommandResult uploaded = await UploadSampleCommand.UploadAsync(blobs, Repository.Root, CancellationToken.None);
        ExecuteCommandResult again = await UploadSampleCommand.UploadAsync(blobs, Repository.Root, CancellationToken.None);

        Assert.True(uploaded.Success, uploaded.Message);
        Assert.StartsWith($"Dataset {datasetId}: Uploaded {UploadSampleCommand.SampleZip} as raw/images_background_small1.zip",
            uploaded.Message);
        var blob = blobs.GetBlobContainerClient("raw").GetBlobClient("images_background_small1.zip");
        Assert.Equal(new FileInfo(sample).Length, (await blob.GetPropertiesAsync()).Value.ContentLength);
        Assert.False(again.Success);
        Assert.Equal("raw/images_background_small1.zip exists already and uploads are never replaced: the sample was uploaded " +
                     $"before. Its dataset is {datasetId} (datasets/{datasetId}/status.json).", again.Message);
    }

    [Fact]
    public async Task Promote_a_run_refuses_a_run_without_a_checkpoint_with_the_reason()
    {
        var served = storage.Get<ServedModels>();

        ExecuteCommandResult unknown =
            await PromoteRunCommand.PromoteAsync(served, null, "no-such-run", null, null, CancellationToken.None);
        ExecuteCommandResult blank = await PromoteRunCommand.PromoteAsync(served, "", " ", null, null, CancellationToken.None);

        Assert.Equal((false, "Run no-such-run has no complete checkpoint to promote (models/no-such-run/)."),
            (unknown.Success, unknown.Message));
        Assert.Equal((false, "Give the id of the run to promote (models/{runId}/)."), (blank.Success, blank.Message));
        Assert.Null(await served.ReadAsync(ModelName.Default, CancellationToken.None));
    }

    [Fact]
    public async Task Roll_back_and_the_report_say_so_while_the_default_model_answers()
    {
        ExecuteCommandResult rollBack = await RollBackCommand.RollBackAsync(storage.Get<ServedModels>(), null, CancellationToken.None);
        ExecuteCommandResult report = await ServedModelReportCommand.ShowAsync(storage.Get<ServedModels>(),
            storage.Get<BlobCheckpointStore>(), Functions, model: " ", CancellationToken.None);

        Assert.Equal((false, "The default model answers and nothing was served before it: there is nothing to roll back to."),
            (rollBack.Success, rollBack.Message));
        Assert.False(report.Success);
        Assert.StartsWith("The default model shipped with the app answers: it has no report.", report.Message);
    }

    [Fact]
    public async Task Promote_under_a_model_name_serves_it_for_that_name_only_and_roll_back_of_that_name_returns_to_its_first()
    {
        var served = storage.Get<ServedModels>();
        string model = $"dash-{Guid.NewGuid():N}"[..17], first = $"{model}-first", second = $"{model}-second";
        await SaveCheckpointAsync(first);
        await SaveCheckpointAsync(second);

        ExecuteCommandResult promotedFirst =
            await PromoteRunCommand.PromoteAsync(served, model, first, null, "a test", CancellationToken.None);
        ExecuteCommandResult promotedSecond =
            await PromoteRunCommand.PromoteAsync(served, $" {model} ", second, "epoch-0001", null, CancellationToken.None);
        ServedModelPointer? afterPromotions = await served.ReadAsync(model, CancellationToken.None);
        ExecuteCommandResult rolledBack = await RollBackCommand.RollBackAsync(served, model, CancellationToken.None);
        ExecuteCommandResult again = await RollBackCommand.RollBackAsync(served, model, CancellationToken.None);

        Assert.Equal((true, $"Serving models/{first}/epoch-0001 for model {model} from now on (a test); the functions switch to " +
                            "it within seconds."), (promotedFirst.Success, promotedFirst.Message));
        Assert.True(promotedSecond.Success, promotedSecond.Message);
        Assert.Equal(($"{second}/epoch-0001", PromoteRunCommand.DefaultReason), (afterPromotions?.Checkpoint, afterPromotions?.Reason));
        Assert.Equal((true, $"Serving models/{first}/epoch-0001 for model {model} again (rolled back from {second}/epoch-0001: " +
                            $"{RollBackCommand.Reason}); the functions switch to it within seconds."),
            (rolledBack.Success, rolledBack.Message));
        Assert.Equal($"{first}/epoch-0001", (await served.ReadAsync(model, CancellationToken.None))?.Checkpoint);
        Assert.Equal((false, $"'{model}' serves its first model ({first}/epoch-0001): there is nothing to roll back to."),
            (again.Success, again.Message));
        Assert.Null(await served.ReadAsync(ModelName.Default, CancellationToken.None)); // default's shipped model answers still
    }

    [Fact]
    public async Task The_report_of_a_model_name_links_its_pages_with_the_name_and_lists_the_names()
    {
        var served = storage.Get<ServedModels>();
        string model = $"report-{Guid.NewGuid():N}"[..19], run = $"{model}-run";
        await SaveCheckpointAsync(run, CheckpointPictures.ReportFile);
        Assert.True((await PromoteRunCommand.PromoteAsync(served, model, run, null, "reported", CancellationToken.None)).Success);

        ExecuteCommandResult report =
            await ServedModelReportCommand.ShowAsync(served, storage.Get<BlobCheckpointStore>(), Functions, model, CancellationToken.None);

        Assert.True(report.Success, report.Message);
        Assert.Equal($"Report of models/{run}/epoch-0001: http://localhost:7071/api/models/current/report.html?model={model}",
            report.Message);
        Assert.Contains($"Served for model {model}: **models/{run}/epoch-0001** (reported)", report.Data!.Value);
        Assert.Contains($"[Training curves](http://localhost:7071/api/models/current/curves.png?model={model})", report.Data.Value);
        Assert.Matches($"Model names: default, (.+, )?{model}(, .+)? \\(give one to see its report\\)", report.Data.Value);
    }

    [Fact]
    public async Task The_commands_refuse_an_invalid_model_name_with_the_rule_and_an_unknown_one_with_the_names()
    {
        var served = storage.Get<ServedModels>();

        ExecuteCommandResult promote = await PromoteRunCommand.PromoteAsync(served, "Not_A_Name", "some-run", null, null,
            CancellationToken.None);
        ExecuteCommandResult rollBack = await RollBackCommand.RollBackAsync(served, "nobody-here", CancellationToken.None);
        ExecuteCommandResult report = await ServedModelReportCommand.ShowAsync(served, storage.Get<BlobCheckpointStore>(), Functions,
            "nobody-here", CancellationToken.None);

        Assert.Equal((false, $"'Not_A_Name' is not a model name: a name is {ModelName.Rule}."), (promote.Success, promote.Message));
        Assert.False(rollBack.Success);
        Assert.StartsWith("No model is served under 'nobody-here'; known: default", rollBack.Message);
        Assert.EndsWith("Upload data for it with `siamese upload <zip> --model nobody-here`.", rollBack.Message);
        Assert.Equal((false, rollBack.Message), (report.Success, report.Message));
    }

    /// <summary>
    /// A run's epoch-0001, its best, as far as promotion reads it (metadata and pointer), with attachments of the names given.
    /// </summary>
    private async Task SaveCheckpointAsync(string runId, params string[] attachments)
    {
        BlobContainerClient models = storage.Get<BlobCheckpointStore>().Models;
        await models.CreateIfNotExistsAsync();
        string folder = ModelPaths.Checkpoint(runId, "epoch-0001");
        CheckpointMetadata metadata = CheckpointFixture.Metadata(new ModelConfig()) with { RunId = runId };
        await models.GetBlobClient(ModelPaths.File(folder, CheckpointFormat.MetadataFile))
            .UploadAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(metadata, CheckpointJson.Default.CheckpointMetadata)));
        var best = new CheckpointPointer("epoch-0001", runId, 1, null, DateTimeOffset.UtcNow);
        await models.GetBlobClient(ModelPaths.RunBest(runId))
            .UploadAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(best, CheckpointJson.Default.CheckpointPointer)));
        foreach (string attachment in attachments)
            await models.GetBlobClient(ModelPaths.File(folder, attachment)).UploadAsync(new BinaryData("<html></html>"u8.ToArray()));
    }
}
