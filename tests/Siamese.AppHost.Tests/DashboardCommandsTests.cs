using Aspire.Hosting.ApplicationModel;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Siamese.AppHost.Commands;
using Siamese.DevStorage;
using Siamese.Model.Data;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Promotion;

namespace Siamese.AppHost.Tests;

/// <summary>
/// The dashboard commands' work against a real Azurite, through the product's storage wiring (ProductStorage): the sample
/// upload, and the refusals a fresh stack gives. EndToEndTests runs them through Aspire on a trained stack.
/// </summary>
public sealed class DashboardCommandsTests(DashboardCommandsTests.Stack stack) : IClassFixture<DashboardCommandsTests.Stack>
{
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

        ExecuteCommandResult unknown = await PromoteRunCommand.PromoteAsync(served, "no-such-run", null, null, CancellationToken.None);
        ExecuteCommandResult blank = await PromoteRunCommand.PromoteAsync(served, " ", null, null, CancellationToken.None);

        Assert.Equal((false, "Run no-such-run has no complete checkpoint to promote (models/no-such-run/)."),
            (unknown.Success, unknown.Message));
        Assert.Equal((false, "Give the id of the run to promote (models/{runId}/)."), (blank.Success, blank.Message));
        Assert.Null(await served.ReadAsync(ModelName.Default, CancellationToken.None));
    }

    [Fact]
    public async Task Roll_back_and_the_report_say_so_while_the_default_model_answers()
    {
        ExecuteCommandResult rollBack = await RollBackCommand.RollBackAsync(storage.Get<ServedModels>(), CancellationToken.None);
        ExecuteCommandResult report = await ServedModelReportCommand.ShowAsync(storage.Get<ServedModels>(),
            storage.Get<BlobCheckpointStore>(), new Uri("http://localhost:7071"), CancellationToken.None);

        Assert.Equal((false, "The default model answers and nothing was served before it: there is nothing to roll back to."),
            (rollBack.Success, rollBack.Message));
        Assert.False(report.Success);
        Assert.StartsWith("The default model shipped with the app answers: it has no report.", report.Message);
    }
}
