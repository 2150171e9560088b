using Microsoft.Extensions.Logging.Abstractions;

namespace Siamese.Model.Tests;

/// <summary>
/// A run on a prepared dataset (StorageTrainingJob) builds its validation trials from the dataset's class images, as the
/// local path builds them from the upload: the same trials, each image with the centred crop and no flip.
/// </summary>
public class StoredValidationTests
{
    [Theory]
    [InlineData(ColorMode.Rgb, Resampler.HalfPixelNearest)]
    [InlineData(ColorMode.Grayscale, Resampler.Area)]
    public void Validation_from_a_stored_dataset_equals_local_validation_with_the_centred_crop(ColorMode colorMode, Resampler resampler)
    {
        using var temp = new TempDirectory();
        string zip = TestData.SmallOmniglotZip(temp, classes: 10, perClass: 4);
        var jitter = new JitterOptions { Resampler = resampler };
        var training = new TrainingOptions { ValidationFraction = 0.5, ValidationWays = 3, ValidationTrials = 12, Seed = 3 };
        var builder = new TrainingDataBuilder(NullLogger<TrainingDataBuilder>.Instance);

        using ImageArchive local = ImageArchive.Open(zip);
        // What a prepared dataset keeps of the upload (its class image shards) and StorageTrainingJob trains on.
        using var stored = new MemoryImageArchive(local.Name, local.ContentId, local.Entries.Where(ImageDecoder.HasImageExtension)
            .ToDictionary(e => e, e => StoredImage.Encode(local.Read(e), e)));
        TrainingData fromLocal = builder.Build(local, 32, colorMode, jitter, new PairSamplingOptions(), training, CancellationToken.None);
        TrainingData fromStored = builder.Build(stored, 32, colorMode, jitter, new PairSamplingOptions(), training, CancellationToken.None,
            renderedPairs: _ => []);

        OneShotSet expected = fromLocal.Validation!, actual = fromStored.Validation!;
        Assert.Equal(expected.Trials, actual.Trials, (a, b) => a.Query == b.Query && a.Candidates.SequenceEqual(b.Candidates));
        Assert.Equal(expected.Images.Keys.Order(), actual.Images.Keys.Order());
        var centred = new PairPreprocessor(jitter, 32);
        foreach (var (entry, pixels) in actual.Images)
        {
            Assert.Equal(expected.Images[entry], pixels);
            Assert.Equal(centred.ToNetworkInput(local.Read(entry), entry, colorMode), pixels);
        }
    }
}
