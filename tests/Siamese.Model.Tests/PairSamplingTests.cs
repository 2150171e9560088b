namespace Siamese.Model.Tests;

public class PairSamplingTests
{
    [Theory]
    [InlineData("images_background_small1.zip", 136)]
    [InlineData("images_background_small2.zip", 156)]
    public void Every_positive_pair_is_same_class_and_every_negative_pair_different_class_on_real_omniglot(string file, int classes)
    {
        using var archive = ImageArchive.Open(SampleImages.Omniglot(file));
        ClassIndex index = ClassIndex.Build(archive.Entries);

        var pairs = new PairSampler(new PairSamplingOptions(), seed: 42).Sample(index.Classes);

        Assert.Equal(classes, index.Classes.Count);
        Assert.Equal(classes * 20, pairs.Count);
        Assert.Equal(classes * 10, pairs.Count(p => p.IsSame));
        foreach (ImagePair pair in pairs)
        {
            // Judge by the file paths themselves, not by the sampler's own labels.
            string firstFolder = Path.GetDirectoryName(pair.FirstImage)!, secondFolder = Path.GetDirectoryName(pair.SecondImage)!;
            if (pair.IsSame)
            {
                Assert.Equal(firstFolder, secondFolder);
                Assert.NotEqual(pair.FirstImage, pair.SecondImage);
            }
            else
            {
                Assert.NotEqual(firstFolder, secondFolder);
            }
        }
        // Omniglot characters are alphabet/character folders; the zip's wrapper folder is not part of the name.
        Assert.All(index.Classes, c => Assert.Matches("^[^/]+/character[0-9]+$", c.Name));
    }

    [Fact]
    public void Positive_pairs_of_a_class_do_not_repeat_while_unused_pairs_remain()
    {
        using var archive = ImageArchive.Open(SampleImages.Background1);
        ImageClass cls = ClassIndex.Build(archive.Entries).Classes[0];

        var positives = new PairSampler(new PairSamplingOptions { PositivesPerClass = 190, NegativesPerClass = 0 }, 1)
            .SampleClass(cls, [cls])
            .Select(p => string.CompareOrdinal(p.FirstImage, p.SecondImage) < 0
                ? (p.FirstImage, p.SecondImage)
                : (p.SecondImage, p.FirstImage))
            .ToList();

        Assert.Equal(190, positives.Distinct().Count()); // 20 images give exactly 190 unordered pairs
    }

    [Fact]
    public void Sampling_is_deterministic_given_a_seed_and_the_same_for_a_subset_of_classes()
    {
        using var archive = ImageArchive.Open(SampleImages.Background1);
        var classes = ClassIndex.Build(archive.Entries).Classes;
        var sampler = new PairSampler(new PairSamplingOptions(), seed: 5);

        var all = sampler.Sample(classes);
        var again = new PairSampler(new PairSamplingOptions(), seed: 5).Sample(classes);
        var otherSeed = new PairSampler(new PairSamplingOptions(), seed: 6).Sample(classes);
        var chunk = classes.Skip(40).Take(10).SelectMany(c => sampler.SampleClass(c, classes)).ToList();

        Assert.Equal(all, again);
        Assert.NotEqual(all, otherSeed);
        Assert.Equal(all.Where(p => chunk.Any(c => c.Key == p.Key)), chunk);
    }

    [Theory]
    [InlineData(PairSelection.Random)]
    [InlineData(PairSelection.ListingOrder)]
    public void The_pairs_of_some_classes_are_those_they_get_when_every_class_is_sampled(PairSelection selection)
    {
        using var archive = ImageArchive.Open(SampleImages.Background1);
        var classes = ClassIndex.Build(archive.Entries).Classes;
        var sampler = new PairSampler(new PairSamplingOptions(), 7, selection);
        var some = classes.Skip(40).Take(10).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);

        var pairs = sampler.Sample(classes, some);

        Assert.Equal(10 * 10, pairs.Count(p => p.IsSame));
        Assert.Equal(sampler.Sample(classes).Where(p => some.Contains(p.FirstClass)), pairs);
    }

    [Fact]
    public void A_flat_class_layout_works_and_classes_with_one_image_are_skipped_and_reported()
    {
        using var temp = new TempDirectory();
        var images = SampleImages.SomeCharacters(5);
        Directory.CreateDirectory(temp.Combine("cat"));
        Directory.CreateDirectory(temp.Combine("dog"));
        Directory.CreateDirectory(temp.Combine("lonely"));
        File.WriteAllBytes(temp.Combine("cat", "1.png"), images[0].Bytes);
        File.WriteAllBytes(temp.Combine("cat", "2.png"), images[1].Bytes);
        File.WriteAllBytes(temp.Combine("dog", "1.png"), images[2].Bytes);
        File.WriteAllBytes(temp.Combine("dog", "2.png"), images[3].Bytes);
        File.WriteAllBytes(temp.Combine("lonely", "1.png"), images[4].Bytes);
        File.WriteAllText(temp.Combine("dog", "notes.txt"), "not an image");
        File.WriteAllBytes(temp.Combine("root.png"), images[4].Bytes);

        using var archive = ImageArchive.Open(temp.Path);
        ClassIndex index = ClassIndex.Build(archive.Entries);

        Assert.Equal(["cat", "dog"], index.Classes.Select(c => c.Name));
        Assert.Equal(["lonely"], index.SkippedClasses);
        Assert.Equal(1, index.NonImageEntries);
        Assert.Equal(1, index.ImagesOutsideClasses);
        var pairs = new PairSampler(new PairSamplingOptions(), 1).Sample(index.Classes);
        Assert.DoesNotContain(pairs, p =>
            p.FirstImage.StartsWith("lonely", StringComparison.Ordinal) || p.SecondImage.StartsWith("lonely", StringComparison.Ordinal));
    }

    [Fact]
    public void One_class_is_not_enough_to_train()
    {
        var index = ClassIndex.Build(["only/a.png", "only/b.png", "readme.md"]);

        var error = Assert.Throws<InvalidInputException>(() => index.RequireTrainable("one.zip"));

        Assert.Equal("data.too-few-classes", error.Code);
        Assert.Contains("only one class", error.Message);
    }

    [Fact]
    public void The_validation_split_holds_out_a_tenth_of_the_classes_disjoint_from_training()
    {
        using var archive = ImageArchive.Open(SampleImages.Background1);
        var classes = ClassIndex.Build(archive.Entries).Classes;

        var (training, validation) = ClassSplit.Split(classes, 0.1, seed: 42, minValidationClasses: 0);

        Assert.Equal(14, validation.Count);
        Assert.Equal(122, training.Count);
        Assert.Empty(training.Select(c => c.Name).Intersect(validation.Select(c => c.Name)));
        Assert.Equal(validation, ClassSplit.Split(classes, 0.1, seed: 42, minValidationClasses: 0).Validation);
    }

    [Fact]
    public void Missing_files_and_files_that_are_not_zips_are_refused_clearly()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("fake.zip"), "this is text");

        Assert.Equal("data.not-found", Assert.Throws<MissingInputException>(() => ImageArchive.Open(temp.Combine("missing.zip"))).Code);
        Assert.Equal("data.not-a-zip", Assert.Throws<InvalidInputException>(() => ImageArchive.Open(temp.Combine("fake.zip"))).Code);
    }
}
