using Siamese.Cli.Connections;
using Siamese.DevStorage;
using Siamese.Model;
using Siamese.Storage;
using Siamese.Testing;

namespace Siamese.Cli.Tests;

/// <summary>How --storage and --functions (and what stands in for them) become the tool's connections.</summary>
public sealed class ConnectionSettingTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public void A_connection_string_is_the_storage_setting_as_it_is()
    {
        const string connection = "UseDevelopmentStorage=true";

        Assert.Equal(new Dictionary<string, string?> { ["Storage"] = connection }, StorageSetting.ToConfiguration(connection));
        using var storage = new StorageServices(StorageSetting.ToConfiguration(connection));
        Assert.False(storage.Get<StorageConnection>().UsesIdentity);
    }

    [Fact]
    public void A_blob_service_uri_becomes_service_uris_with_a_token_credential()
    {
        Assert.Equal(new Dictionary<string, string?>
        {
            ["Storage:blobServiceUri"] = "https://account.blob.core.windows.net/",
            ["Storage:queueServiceUri"] = "https://account.queue.core.windows.net/",
        }, StorageSetting.ToConfiguration("https://account.blob.core.windows.net"));
        using var storage = new StorageServices(StorageSetting.ToConfiguration("https://account.blob.core.windows.net"));
        Assert.True(storage.Get<StorageConnection>().UsesIdentity);
        Assert.Equal(new Uri("https://account.blob.core.windows.net/"), storage.Blobs.Uri);
    }

    [Fact]
    public void A_storage_uri_over_plain_http_is_refused_since_a_token_would_travel_in_the_clear()
    {
        var refused = Assert.Throws<InvalidInputException>(() => StorageSetting.ToConfiguration("http://account.blob.core.windows.net"));

        Assert.Equal("storage.uri", refused.Code);
    }

    [Fact]
    public void The_functions_url_is_the_option_else_the_environment_else_the_local_stack_else_the_local_host()
    {
        LocalStack.Write(temp.Path, "UseDevelopmentStorage=true", "http://127.0.0.1:7777");
        string? recorded = LocalStack.ReadFunctions(temp.Path);

        Assert.Equal("http://127.0.0.1:7777", recorded);
        Assert.Equal(new Uri("https://option"), FunctionsSetting.Url("https://option", "https://environment", recorded));
        Assert.Equal(new Uri("https://environment"), FunctionsSetting.Url(null, "https://environment", recorded));
        Assert.Equal(new Uri("http://127.0.0.1:7777"), FunctionsSetting.Url(null, null, recorded));
        Assert.Equal(new Uri(LocalStack.FunctionsUrl), FunctionsSetting.Url(null, null, null));
        Assert.Equal("functions.url", Assert.Throws<InvalidInputException>(() => FunctionsSetting.Url("localhost:7071", null, null)).Code);
    }

    public void Dispose() => temp.Dispose();
}
