using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Siamese.Model.Data;
using Siamese.Model.Imaging;
using Siamese.Model.Recipes;
using Siamese.Model.Training;
using Siamese.Pipeline.Delivery;
using Siamese.Storage;
using Siamese.Storage.Datasets;
using Siamese.Testing;
using Siamese.Testing.Stack;
using SixLabors.ImageSharp;

namespace Siamese.Functions.Tests;

[Collection(PipelineCollection.Name)]
public class DatasetPreparationTests(StackFixture pipeline)
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Omniglot_background_1_gives_a_ready_manifest_of_136_classes_the_recipes_pairs_and_every_image_kept_losslessly()
    {
        byte[] zip = await File.ReadAllBytesAsync(SampleImages.Background1);
        string id = await pipeline.UploadAsync("images_background_small1.zip", zip);

        DatasetStatus status = await pipeline.WaitForFinalStatusAsync(id, Bound);

        Assert.Equal(DatasetState.Ready, status.State);
        DatasetManifest manifest = (await pipeline.ReadAsync(DatasetPaths.Manifest(id), StorageJson.Default.DatasetManifest))!;
        DatasetIndex index = (await pipeline.ReadAsync(DatasetPaths.Index(id), StorageJson.Default.DatasetIndex))!;
        Assert.Equal(136, manifest.Classes);
        // The default recipe holds out 14 of the 136 characters: 10 + 10 pairs of each of the other 122.
        Assert.Equal((2440, 1220), (manifest.Pairs, manifest.Positives));
        Assert.Equal(index.Chunks.Count, manifest.Shards.Count);

        // Judge each pair by the index (which class holds which image), not by the shard's own labels.
        var classOf = index.Classes.SelectMany(c => c.Images.Select(i => (i, c.Name))).ToDictionary(x => x.i, x => x.Name);
        int pairs = 0, positives = 0;
        foreach (ShardInfo shard in manifest.Shards)
        {
            var content = (await pipeline.Datasets.GetBlobClient(shard.Shard).DownloadContentAsync()).Value.Content.ToArray();
            Assert.Equal(shard.Sha256, ContentIds.Sha256(content));
            foreach (var (pair, png) in ShardFormat.Read(new MemoryStream(content)))
            {
                using Image image = Image.Load(png);
                Assert.Equal((32, 64), (image.Width, image.Height));
                bool sameClass = classOf[pair.FirstImage] == classOf[pair.SecondImage];
                Assert.Equal(pair.IsSame, sameClass);
                if (pair.IsSame) Assert.NotEqual(pair.FirstImage, pair.SecondImage);
                pairs++;
                if (pair.IsSame) positives++;
            }
        }
        Assert.Equal((2440, 1220), (pairs, positives));

        // The class image shards: every image of every class once, and decoding a stored image gives what decoding the
        // upload's own file gives, so any recipe trains from storage on exactly what it would train on locally.
        Assert.Equal(index.Chunks.Count, manifest.ImageShards.Count);
        using var upload = new ZipArchive(new MemoryStream(zip));
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ImageShardInfo shard in manifest.ImageShards)
        {
            var content = (await pipeline.Datasets.GetBlobClient(shard.Shard).DownloadContentAsync()).Value.Content.ToArray();
            Assert.Equal(shard.Sha256, ContentIds.Sha256(content));
            var images = ImageShardFormat.Read(new MemoryStream(content));
            Assert.Equal(shard.Images, images.Count);
            foreach (var (image, png) in images)
            {
                stored.Add(image.Entry, image.Class);
                byte[] original = ReadEntry(upload, image.Entry);
                foreach (var (preprocessor, mode) in Preprocessings)
                {
                    Assert.Equal(preprocessor.ToNetworkInput(original, image.Entry, mode),
                        preprocessor.ToNetworkInput(png, image.Entry, mode));
                }
            }
        }
        Assert.Equal(2720, stored.Count);
        Assert.Equal(2720, manifest.Images);
        Assert.All(index.Classes, c => Assert.All(c.Images, i => Assert.Equal(c.Name, stored[i])));

        // No choice in the upload: the images choose (drawings: inbatch), resolved to every value, in the index and the request.
        Assert.Equal(TrainingRecipes.InBatch, index.Recipe!.Name);
        Assert.Equal("recipe inbatch, chosen for grey drawings, median 105x105", index.RecipeChoice);
        Assert.Equal((ImageKind.Drawing, 200), (index.Profile!.Kind, index.Profile.Sampled));
        Assert.Equal(TrainingObjective.InBatch, index.Recipe.Training.Objective);
        Assert.Contains(await pipeline.TrainingRequestsAsync(),
            r => r.DatasetId == id && r.Recipe!.Fingerprint() == index.Recipe.Fingerprint());
    }

    [Fact]
    public async Task A_delivery_probe_is_answered_and_makes_no_dataset()
    {
        string name = $"{DeliveryProbes.Folder}deploy-{Guid.NewGuid():N}";
        byte[] probe = Encoding.UTF8.GetBytes("probe " + name);
        string id = await pipeline.UploadAsync(name, probe);

        BlobClient answer = pipeline.Datasets.GetBlobClient($"{name}.json");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!(await answer.ExistsAsync()).Value && clock.Elapsed < Bound) await Task.Delay(250);

        using var json = JsonDocument.Parse((await answer.DownloadContentAsync()).Value.Content.ToMemory());
        Assert.Equal($"raw/{name}", json.RootElement.GetProperty("probe").GetString());
        Assert.Null(await pipeline.ReadAsync(DatasetPaths.Status(id), StorageJson.Default.DatasetStatus));
        Assert.True((await pipeline.Raw.GetBlobClient(name).ExistsAsync()).Value); // the probe itself is left as it was
    }

    /// <summary>The original's preprocessing (RGB, TF2's half-pixel nearest) and the default recipe's (grayscale, area).</summary>
    private static readonly (PairPreprocessor, ColorMode)[] Preprocessings =
    [
        (new PairPreprocessor(new JitterOptions(), 32), ColorMode.Rgb),
        (new PairPreprocessor(new JitterOptions { Resampler = Resampler.Area }, 32), ColorMode.Grayscale),
    ];

    private static byte[] ReadEntry(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>labels.csv instead of class folders, and impostors: an upload in another layout, end to end.</summary>
    [Fact]
    public async Task A_labels_csv_upload_with_impostors_keeps_them_flagged_with_their_class_out_of_pairs_and_gives_them_to_training()
    {
        var characters = SampleImages.SomeCharacters(100);
        var csv = new StringBuilder("file,label,impostor\n");
        var entries = new List<(string, byte[])>();
        for (int writer = 0; writer < 4; writer++)
            for (int i = 0; i < 3; i++)
            {
                csv.Append($"w{writer}-{i}.png,writer{writer},\n");
                entries.Add(($"signatures/w{writer}-{i}.png", characters[writer * 20 + i].Bytes));
            }
        foreach (var (file, writer, source) in new[] { ("fake-a.png", 0, 90), ("fake-b.png", 0, 91), ("fake-c.png", 1, 92) })
        {
            csv.Append($"\"{file}\",writer{writer},yes\n");
            entries.Add(($"signatures/{file}", characters[source].Bytes));
        }
        entries.Add(("signatures/labels.csv", Encoding.UTF8.GetBytes(csv.ToString())));
        string id = await pipeline.UploadAsync("signatures.zip", TestZips.Build(entries));

        DatasetStatus status = await pipeline.WaitForFinalStatusAsync(id, Bound);

        Assert.Equal(DatasetState.Ready, status.State);
        Assert.Equal((4, 12, 3, 2), (status.Classes, status.Images, status.Impostors, status.ClassesWithImpostors));
        DatasetIndex index = (await pipeline.ReadAsync(DatasetPaths.Index(id), StorageJson.Default.DatasetIndex))!;
        Assert.Equal(ClassLayout.Labels, index.Layout);
        Assert.Equal(["writer0", "writer1", "writer2", "writer3"], index.Classes.Select(c => c.Name));
        Assert.Equal(["signatures/fake-a.png", "signatures/fake-b.png"], index.Classes[0].Impostors);
        Assert.Equal((12, 3, 2), (index.Images, index.Impostors, index.ClassesWithImpostors));

        DatasetManifest manifest = (await pipeline.ReadAsync(DatasetPaths.Manifest(id), StorageJson.Default.DatasetManifest))!;
        var stored = new List<ShardImage>();
        foreach (ImageShardInfo shard in manifest.ImageShards)
        {
            var content = (await pipeline.Datasets.GetBlobClient(shard.Shard).DownloadContentAsync()).Value.Content;
            stored.AddRange(ImageShardFormat.Read(content.ToStream()).Select(i => i.Image));
        }
        Assert.Equal((12, 3), (manifest.Images, manifest.ImageShards.Sum(s => s.Impostors)));
        Assert.Equal(
            [("writer0", "signatures/fake-a.png"), ("writer0", "signatures/fake-b.png"), ("writer1", "signatures/fake-c.png")],
            stored.Where(i => i.Impostor).Select(i => (i.Class, i.Entry)).Order());
        Assert.Equal(15, stored.Count);

        var reader = pipeline.Services.GetRequiredService<DatasetReader>();
        PreparedDataset dataset = await reader.ReadAsync(id, CancellationToken.None);
        var pairs = await reader.ReadPairsAsync(dataset, CancellationToken.None);
        Assert.DoesNotContain(pairs, p => p.Pair.FirstImage.Contains("fake") || p.Pair.SecondImage.Contains("fake"));
        using MemoryImageArchive training = MemoryImageArchive.OfClasses(dataset.Index.Source, dataset.Index.DatasetId,
            dataset.Index.Classes, await reader.ReadClassImagesAsync(dataset, CancellationToken.None));
        ClassIndex trained = ClassIndex.Build(training.Entries);
        Assert.Equal(index.Classes.Select(c => c.Name), trained.Classes.Select(c => c.Name));
        Assert.Equal((12, 3), (trained.ImageCount, trained.ImpostorCount));
        Assert.Equal(index.Classes.Select(c => c.Impostors.Count), trained.Classes.Select(c => c.Impostors.Count));
    }

    [Fact]
    public async Task An_upload_chooses_its_recipe_in_recipe_json_and_blob_metadata_and_metadata_wins()
    {
        byte[] recipeFile = """
            {"recipe": "inbatch", "overrides": {"Training:Epochs": 3, "Model:Width": 0.125, "Training:LabelSmoothing": 0.05}}
            """u8.ToArray();
        byte[] zip = TestZips.Characters(classes: 4, perClass: 3, salt: "recipe-choice", ("set/recipe.json", recipeFile));
        var metadata = new Dictionary<string, string>
        {
            ["recipe"] = "original", ["Training__Epochs"] = "2", ["owner"] = "not a recipe setting",
        };
        string id = await pipeline.UploadAsync("recipe-choice.zip", zip, metadata);

        DatasetStatus status = await pipeline.WaitForFinalStatusAsync(id, Bound);

        Assert.Equal(DatasetState.Ready, status.State);
        Assert.Equal(1, status.Warnings.NonImageEntries); // salt.txt; recipe.json is not a stray file
        TrainingRecipe recipe = (await pipeline.ReadAsync(DatasetPaths.Index(id), StorageJson.Default.DatasetIndex))!.Recipe!;
        Assert.Equal("original", recipe.Name);                            // metadata over the file
        Assert.Equal(2, recipe.Training.Epochs);                           // metadata over the file
        Assert.Equal(0.125, recipe.Model.Width);                           // the file over the recipe
        Assert.Equal(0.05, recipe.Training.LabelSmoothing);
        Assert.Equal(TrainingObjective.Pairs, recipe.Training.Objective);  // the recipe's own value
        Assert.Equal(["Model:Width", "Training:Epochs", "Training:LabelSmoothing"], recipe.Overrides.Keys);
        Assert.Contains(await pipeline.TrainingRequestsAsync(),
            r => r.DatasetId == id && r.Recipe!.Name == "original" && r.Recipe.Training.Epochs == 2);
    }

    [Fact]
    public async Task Photos_uploaded_without_a_recipe_train_the_photos_recipe_and_the_index_and_status_record_why()
    {
        byte[] zip = MadeImages.Zip(seed => MadeImages.GreyPhoto(seed), classes: 3, perClass: 3, salt: "photos-by-images");
        string id = await pipeline.UploadAsync("photos-by-images.zip", zip);

        DatasetStatus status = await pipeline.WaitForFinalStatusAsync(id, Bound);

        Assert.Equal(DatasetState.Ready, status.State);
        DatasetIndex index = (await pipeline.ReadAsync(DatasetPaths.Index(id), StorageJson.Default.DatasetIndex))!;
        Assert.Equal(TrainingRecipes.Photos, index.Recipe!.Name);
        Assert.Equal((ImageKind.Photo, ImageColour.Grey, 9, 92, 112),
            (index.Profile!.Kind, index.Profile.Colour, index.Profile.Sampled, index.Profile.MedianWidth, index.Profile.MedianHeight));
        Assert.Equal("recipe photos, chosen for grey photos, median 92x112", index.RecipeChoice);
        Assert.Equal((index.RecipeChoice, index.Profile), (status.RecipeChoice, status.Profile));
        Assert.Contains(await pipeline.TrainingRequestsAsync(), r => r.DatasetId == id && r.Recipe!.Name == TrainingRecipes.Photos);
    }

    [Fact]
    public async Task Photos_whose_upload_names_a_recipe_keep_it_and_their_profile_is_still_recorded()
    {
        byte[] zip = MadeImages.Zip(seed => MadeImages.GreyPhoto(seed), classes: 3, perClass: 3, salt: "photos-named");
        string id = await pipeline.UploadAsync("photos-named.zip", zip, TestRecipes.InBatch());

        DatasetStatus status = await pipeline.WaitForFinalStatusAsync(id, Bound);

        Assert.Equal(DatasetState.Ready, status.State);
        DatasetIndex index = (await pipeline.ReadAsync(DatasetPaths.Index(id), StorageJson.Default.DatasetIndex))!;
        Assert.Equal(TrainingRecipes.InBatch, index.Recipe!.Name);
        Assert.Equal("recipe inbatch, named in the upload's metadata", index.RecipeChoice);
        Assert.Equal(ImageKind.Photo, index.Profile!.Kind);
    }

    [Theory]
    [InlineData("recipe", "fastest", "recipe.unknown", "'fastest'")]
    [InlineData("Training__Epoch", "2", "recipe.unknown-setting", "'Training__Epoch'")]
    [InlineData("Training__Epochs", "0", "recipe.invalid", "Epochs")]
    [InlineData("Model__ColorMode", "Sepia", "recipe.invalid", "Model:ColorMode")]
    public async Task A_recipe_that_cannot_be_used_fails_the_dataset_with_a_clear_reason(
        string key, string value, string code, string named)
    {
        byte[] zip = TestZips.Characters(classes: 3, perClass: 3, salt: $"bad-recipe-{key}-{value}");
        string id = await pipeline.UploadAsync($"bad-recipe-{key}-{value}.zip", zip, new Dictionary<string, string> { [key] = value });

        DatasetStatus status = await pipeline.WaitForFinalStatusAsync(id, Bound);

        Assert.Equal(DatasetState.Failed, status.State);
        Assert.Equal(code, status.Error!.Code);
        Assert.Contains(named, status.Error.Message, StringComparison.Ordinal);
        Assert.Null(await pipeline.ReadAsync(DatasetPaths.Manifest(id), StorageJson.Default.DatasetManifest));
    }

    [Fact]
    public async Task The_same_bytes_under_another_name_and_a_redelivered_chunk_leave_exactly_one_copy_of_the_dataset()
    {
        byte[] zip = TestZips.Characters(classes: 20, perClass: 4, salt: "duplicate-test");
        string id = await pipeline.UploadAsync("first.zip", zip);
        Assert.Equal(DatasetState.Ready, (await pipeline.WaitForFinalStatusAsync(id, Bound)).State);
        var manifestBlob = pipeline.Datasets.GetBlobClient(DatasetPaths.Manifest(id));
        var manifestETag = (await manifestBlob.GetPropertiesAsync()).Value.ETag;
        var statusBefore = (await pipeline.ReadAsync(DatasetPaths.Status(id), StorageJson.Default.DatasetStatus))!;
        var statusBlob = pipeline.Datasets.GetBlobClient(DatasetPaths.Status(id));
        var statusETag = (await statusBlob.GetPropertiesAsync()).Value.ETag;

        await pipeline.UploadAsync("second-name.zip", zip);
        await pipeline.WaitForBlobReceiptAsync("second-name.zip", Bound);
        // As the host would on a redelivery: the same chunk message again.
        var chunks = pipeline.Queues.GetQueueClient(StorageNames.PrepareChunksQueue);
        await chunks.SendMessageAsync(
            JsonSerializer.Serialize(new ChunkMessage(id, 0, statusBefore.ChunksTotal), StorageJson.Default.ChunkMessage));
        await pipeline.WaitForQueueDrainedAsync(StorageNames.PrepareChunksQueue, Bound);

        var blobs = new List<string>();
        await foreach (var item in pipeline.Datasets.GetBlobsAsync(BlobTraits.None, BlobStates.None, id + "/", default))
            blobs.Add(item.Name);
        Assert.Equal(statusBefore.ChunksTotal, blobs.Count(b => b.Contains("/shards/", StringComparison.Ordinal)));
        Assert.Single(blobs, b => b.EndsWith("manifest.json", StringComparison.Ordinal));
        Assert.Equal(manifestETag, (await manifestBlob.GetPropertiesAsync()).Value.ETag);
        Assert.Equal(statusETag, (await statusBlob.GetPropertiesAsync()).Value.ETag);
        Assert.Equal("raw/first.zip", statusBefore.Source);
        Assert.Single(await pipeline.TrainingRequestsAsync(), r => r.DatasetId == id);
    }

    [Fact]
    public async Task Non_image_files_are_skipped_and_counted_and_the_dataset_is_still_built()
    {
        byte[] zip = TestZips.Characters(classes: 3, perClass: 3, salt: "mixed",
            ("set/readme.md", "# notes"u8.ToArray()), ("set/class00/labels.csv", "a,b"u8.ToArray()), ("set/.DS_Store", [0, 1, 2]));
        string id = await pipeline.UploadAsync("mixed.zip", zip);

        DatasetStatus status = await pipeline.WaitForFinalStatusAsync(id, Bound);

        Assert.Equal(DatasetState.Ready, status.State);
        Assert.Equal(3, status.Warnings.NonImageEntries); // salt.txt, readme.md, labels.csv (.DS_Store is a system file)
        Assert.Contains(status.Warnings.Examples, e => e.Contains("labels.csv", StringComparison.Ordinal));
        Assert.Equal(3 * 20, status.Pairs);
    }
}
