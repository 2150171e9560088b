using Siamese.Storage.Datasets;
using Siamese.Testing;
using Siamese.Testing.Stack;

namespace Siamese.Functions.Tests;

/// <summary>
/// A bad upload fails its dataset with a specific reason, leaves the upload as it was, and publishes nothing: one upload
/// refused by the zip checks and one by the class check. Every reason the zip checks give is tested without a server in
/// Siamese.Pipeline.Tests (ZipInspectorTests).
/// </summary>
[Collection(PipelineCollection.Name)]
public class BadUploadTests(StackFixture pipeline)
{
    [Fact]
    public Task A_corrupt_zip_is_reported_as_corrupt() =>
        AssertRejectedAsync("corrupt.zip", [.. "PK\u0003\u0004 this is not really a zip"u8.ToArray(), .. new byte[200]], "zip.corrupt");

    [Fact]
    public Task A_zip_with_one_class_is_reported_as_too_few_classes() =>
        AssertRejectedAsync("one-class.zip", TestZips.Characters(classes: 1, perClass: 5, salt: "one"), "data.too-few-classes");

    private async Task AssertRejectedAsync(string name, byte[] zip, string expectedCode)
    {
        string id = await pipeline.UploadAsync(name, zip);
        var before = (await pipeline.Raw.GetBlobClient(name).GetPropertiesAsync()).Value;

        DatasetStatus status = await pipeline.WaitForFinalStatusAsync(id, TimeSpan.FromMinutes(2));

        Assert.Equal(DatasetState.Failed, status.State);
        Assert.Equal(expectedCode, status.Error?.Code);
        Assert.False(string.IsNullOrWhiteSpace(status.Error?.Message));
        var after = (await pipeline.Raw.GetBlobClient(name).GetPropertiesAsync()).Value;
        Assert.Equal(before.ETag, after.ETag);
        Assert.Equal(zip, (await pipeline.Raw.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToArray());
        Assert.False(await pipeline.Datasets.GetBlobClient(DatasetPaths.Manifest(id)).ExistsAsync());
    }
}
