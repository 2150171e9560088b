namespace Siamese.Model.Tests;

/// <summary>Local zips follow the rules uploads do: labels.csv, impostor folders, images by content.</summary>
public class ClassLayoutTests
{
    [Fact]
    public void A_local_zip_with_labels_csv_gives_its_labelled_classes_to_training_and_leaves_impostors_out()
    {
        using var temp = new TempDirectory();
        var characters = SampleImages.SomeCharacters(45);
        var entries = new List<(string, byte[])>
        {
            ("set/labels.csv", "file,label,impostor\na,x\nb.png,x\nc.png,x,yes\nd.png,y\ne.png,y\n"u8.ToArray()),
            ("set/a", characters[0].Bytes), ("set/b.png", characters[1].Bytes), ("set/c.png", characters[40].Bytes),
            ("set/d.png", characters[20].Bytes), ("set/e.png", characters[21].Bytes), ("set/recipe.json", "{}"u8.ToArray()),
        };
        using var archive = ImageArchive.Open(TestData.WriteZip(temp, "labelled.zip", entries));

        ClassIndex index = ArchiveClasses.Index(archive);

        Assert.Equal(ClassLayout.Labels, index.Layout);
        Assert.Equal([["set/a", "set/b.png"], ["set/d.png", "set/e.png"]], index.Classes.Select(c => c.Images));
        Assert.Equal(["set/c.png"], index.Classes[0].Impostors);
        Assert.Equal(0, index.NonImageEntries);
    }

    [Fact]
    public void Impostor_folders_of_a_local_zip_stay_out_of_the_training_images()
    {
        using var temp = new TempDirectory();
        var characters = SampleImages.SomeCharacters(100);
        var entries = Enumerable.Range(0, 4)
            .SelectMany(c => new[] { 0, 1, 2 }.Select(i => ($"set/c{c}/{i}.png", characters[c * 20 + i].Bytes)))
            .Append(("set/c0/forged/x.png", characters[99].Bytes))
            .Append(("set/c1/Forgeries/y.png", characters[98].Bytes));
        string zip = TestData.WriteZip(temp, "forged.zip", entries);
        var training = new TrainingOptions { Objective = TrainingObjective.InBatch, ValidationFraction = 0, Seed = 5 };

        TrainingData data = new TrainingDataBuilder(Microsoft.Extensions.Logging.Abstractions.NullLogger<TrainingDataBuilder>.Instance)
            .Build(zip, 32, ColorMode.Grayscale, new JitterOptions(), new PairSamplingOptions(), training, CancellationToken.None);

        Assert.Equal(4, data.Info.TrainingClasses);
        Assert.Equal(4 * 3, data.Classes!.ImageCount);
    }

    [Fact]
    public void Class_images_renamed_for_an_archive_index_back_to_their_classes_with_their_impostors()
    {
        ImageClass[] classes = [new("alice", ["a.png", "b.png"]) { Impostors = ["fake.png"] }, new("bob", ["c.png", "d.png"])];
        var images = new[] { "a.png", "b.png", "fake.png", "c.png", "d.png" }
            .ToDictionary(name => name, name => System.Text.Encoding.UTF8.GetBytes(name));

        IReadOnlyDictionary<string, byte[]> named = ClassArchiveNames.For(classes, images);
        ClassIndex again = ClassIndex.Build(named.Keys);

        string Original(string entry) => System.Text.Encoding.UTF8.GetString(named[entry]);
        Assert.Equal(["alice", "bob"], again.Classes.Select(c => c.Name));
        Assert.Equal(["a.png", "b.png"], again.Classes[0].Images.Select(Original));
        Assert.Equal(["fake.png"], again.Classes[0].Impostors.Select(Original));
        Assert.Empty(again.Classes[1].Impostors);
    }
}
