using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Siamese.Storage;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Promotion;
using Siamese.Testing.Identity;

namespace Siamese.Cli.Tests;

/// <summary>
/// `--storage &lt;blob service URI&gt;` against a real server that checks OAuth bearer tokens (Azurite over HTTPS), the tool
/// as a process of its own: its DefaultAzureCredential gets a token from the managed-identity endpoint the process is
/// given, as it would on an Azure VM or in Cloud Shell.
/// </summary>
public sealed class IdentityStorageTests : IAsyncLifetime
{
    private IdentityStorage storage = null!;

    public async Task InitializeAsync() => storage = await IdentityStorage.StartAsync("cli-test-identity");

    public async Task DisposeAsync() => await storage.DisposeAsync();

    [Fact]
    public async Task Models_reads_the_served_model_through_a_blob_service_uri_with_a_token_of_the_processs_identity()
    {
        var pointer = new ServedModelPointer("identity-run/epoch-0003", "identity-run", 3, "written by a test", DateTimeOffset.UtcNow);
        BlobContainerClient models = TokenClient().GetBlobContainerClient(StorageNames.ModelsContainer);
        await models.CreateIfNotExistsAsync();
        await models.GetBlobClient(ModelPaths.Served(ModelName.Default))
            .UploadAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(pointer, StorageJson.Default.ServedModelPointer)));

        string[] args = ["models", "--storage", storage.Azurite.Endpoints.BlobServiceUri.ToString()];
        await using AppProcess tool = AppProcess.Start(BuiltApps.CliDll, args,
            [.. storage.ProcessEnvironment, KeyValuePair.Create("Storage", (string?)null)]);
        int exitCode = await tool.WaitForExitAsync(TimeSpan.FromMinutes(1));

        Assert.True(exitCode == 0, tool.Output);
        Assert.StartsWith("default: identity-run epoch 3 (identity-run/epoch-0003): written by a test", tool.Output);
        Assert.True(storage.Identity.Issued.GetValueOrDefault(StorageTokens.Audience) >= 1,
            "tokens issued: " + JsonSerializer.Serialize(storage.Identity.Issued));
    }

    /// <summary>A client of this test's own, with a token Azurite accepts, that trusts its storage.Certificate.</summary>
    private BlobServiceClient TokenClient() => new(storage.Azurite.Endpoints.BlobServiceUri,
        DelegatedTokenCredential.Create((_, _) => new AccessToken(StorageTokens.Create("test-client", TimeSpan.FromHours(1)),
            DateTimeOffset.UtcNow.AddHours(1))),
        new BlobClientOptions { Transport = new HttpClientTransport(storage.Certificate.TrustingHandler()) });
}
