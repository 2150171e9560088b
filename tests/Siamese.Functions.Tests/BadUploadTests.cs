using System.IO.Compression;
using Azure.Storage.Blobs.Models;
using Siamese.Storage.Datasets;
using Siamese.Testing;
using Siamese.Testing.Pipeline;

namespace Siamese.Functions.Tests;

/// <summary>Each bad upload fails its dataset with a specific reason, leaves the upload as it was, and publishes nothing.</summary>
[Collection(PipelineCollection.Name)]
public class BadUploadTests(PipelineFixture pipeline)
{
    [Fact]
    public Task A_corrupt_zip_is_reported_as_corrupt() =>
        AssertRejected("corrupt.zip", [.. "PK\u0003\u0004 this is not really a zip"u8.ToArray(), .. new byte[200]], "zip.corrupt");

    [Fact]
    public Task An_empty_zip_is_reported_as_empty() =>
        AssertRejected("empty.zip", TestZips.Build([]), "zip.empty");

    [Fact]
    public Task A_zip_without_images_is_reported_as_having_no_images() =>
        AssertRejected("no-images.zip", TestZips.Build([("docs/a.txt", "a"u8.ToArray()), ("docs/b.csv", "1,2"u8.ToArray())]), "data.no-images");

    [Fact]
    public Task A_zip_with_one_class_is_reported_as_too_few_classes() =>
        AssertRejected("one-class.zip", TestZips.Characters(classes: 1, perClass: 5, salt: "one"), "data.too-few-classes");

    [Fact]
    public Task A_zip_with_a_path_that_climbs_out_is_reported_as_unsafe() =>
        AssertRejected("traversal.zip", TestZips.Characters(2, 3, "traversal", ("../../etc/evil.png", TestData.SomeCharacters(1)[0].Bytes)), "zip.unsafe-path");

    [Fact]
    public Task A_zip_bomb_is_reported_by_its_compression_ratio() =>
        AssertRejected("bomb.zip", TestZips.Characters(2, 3, "bomb", ("set/class00/huge.png", new byte[50_000_000])), "zip.compression-ratio");

    [Fact]
    public Task An_image_that_claims_too_many_pixels_is_reported_before_it_is_decoded() =>
        AssertRejected("pixel-bomb.zip", TestZips.Characters(2, 3, "pixels", ("set/class01/giant.png", TestZips.PngClaiming(100_000, 100_000))), "image.too-many-pixels");

    private async Task AssertRejected(string name, byte[] zip, string expectedCode)
    {
        string id = await pipeline.UploadAsync(name, zip);
        BlobProperties before = (await pipeline.Raw.GetBlobClient(name).GetPropertiesAsync()).Value;

        DatasetStatus status = await pipeline.WaitForFinalStatusAsync(id, TimeSpan.FromMinutes(2));

        Assert.Equal(DatasetState.Failed, status.State);
        Assert.Equal(expectedCode, status.Error?.Code);
        Assert.False(string.IsNullOrWhiteSpace(status.Error?.Message));
        BlobProperties after = (await pipeline.Raw.GetBlobClient(name).GetPropertiesAsync()).Value;
        Assert.Equal(before.ETag, after.ETag);
        Assert.Equal(zip, (await pipeline.Raw.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToArray());
        Assert.False(await pipeline.Datasets.GetBlobClient(DatasetPaths.Manifest(id)).ExistsAsync());
    }
}
