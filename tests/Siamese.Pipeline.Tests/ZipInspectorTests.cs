using Microsoft.Extensions.Options;
using Siamese.Model;
using Siamese.Pipeline.Datasets;
using Siamese.Pipeline.Uploads;
using Siamese.Testing;

namespace Siamese.Pipeline.Tests;

/// <summary>
/// An upload is checked before anything is built from it: hostile or unusable zips fail with a reason, skippable entries
/// are counted. Moved here from the functions' bad-upload tests, which keep one case per stage of the pipeline.
/// </summary>
public class ZipInspectorTests
{
    private static readonly byte[] Character = SampleImages.SomeCharacters(1)[0].Bytes;

    [Fact]
    public void Class_folders_of_real_images_become_classes_and_other_files_are_counted_not_used()
    {
        byte[] zip = TestZips.Characters(classes: 3, perClass: 4, salt: "inspect", ("set/readme.md", "# notes"u8.ToArray()));

        ZipInspection inspection = Inspect(zip);

        Assert.Equal(["class00", "class01", "class02"], inspection.Index.Classes.Select(c => c.Name));
        Assert.All(inspection.Index.Classes, c => Assert.Equal(4, c.Images.Count));
        Assert.Equal(2, inspection.Warnings.NonImageEntries);   // salt.txt, readme.md
        Assert.Contains("not an image: set/readme.md", inspection.Warnings.Examples);
        Assert.Null(inspection.RecipeFile);
    }

    [Fact]
    public void An_image_that_cannot_be_decoded_and_a_class_left_with_one_image_are_warnings()
    {
        byte[] truncated = Character[..(Character.Length / 2)];
        byte[] zip = TestZips.Characters(2, 3, "unreadable", ("set/class01/broken.png", truncated), ("set/lonely/only.png", Character));

        ZipInspection inspection = Inspect(zip);

        Assert.Equal(["class00", "class01"], inspection.Index.Classes.Select(c => c.Name));
        Assert.DoesNotContain("set/class01/broken.png", inspection.Index.Classes[1].Images);
        Assert.Equal((1, 1), (inspection.Warnings.UnreadableImages, inspection.Warnings.SkippedClasses));
        Assert.Contains("unreadable image: set/class01/broken.png", inspection.Warnings.Examples);
        Assert.Contains("class with fewer than two images: lonely", inspection.Warnings.Examples);
    }

    [Fact]
    public void A_recipe_json_at_the_root_is_the_uploads_recipe_choice_and_not_a_stray_file()
    {
        byte[] choice = """{"recipe": "original"}"""u8.ToArray();
        byte[] zip = TestZips.Characters(2, 3, "recipe", ("set/recipe.json", choice), ("set/class00/deeper/recipe.json", choice));

        ZipInspection inspection = Inspect(zip);

        Assert.Equal(choice, inspection.RecipeFile);
        Assert.Equal(2, inspection.Warnings.NonImageEntries);   // salt.txt and the recipe.json below the root
    }

    [Fact]
    public void A_zip_without_images_has_no_class_and_the_preparation_refuses_it_as_untrainable()
    {
        ZipInspection inspection = Inspect(TestZips.Build([("docs/a.txt", "a"u8.ToArray()), ("docs/b.csv", "1,2"u8.ToArray())]));

        Assert.Empty(inspection.Index.Classes);
        Assert.Equal(2, inspection.Warnings.NonImageEntries);
        Assert.Equal("data.no-images", Assert.Throws<InvalidInputException>(() => inspection.Index.RequireTrainable("upload.zip")).Code);
    }

    public static TheoryData<string, byte[], string> Rejected() => new()
    {
        { "not a zip", [.. "PK\u0003\u0004 this is not really a zip"u8.ToArray(), .. new byte[200]], "zip.corrupt" },
        { "no entries", TestZips.Build([]), "zip.empty" },
        { "a parent path", TestZips.Characters(2, 3, "traversal", ("../../etc/evil.png", Character)), "zip.unsafe-path" },
        { "a parent path further in", TestZips.Characters(2, 3, "inner", ("set/class00/../../../evil.png", Character)), "zip.unsafe-path" },
        { "an absolute path", TestZips.Characters(2, 3, "absolute", ("/etc/evil.png", Character)), "zip.unsafe-path" },
        { "a zip bomb", TestZips.Characters(2, 3, "bomb", ("set/class00/huge.png", new byte[50_000_000])), "zip.compression-ratio" },
        { "a pixel bomb", TestZips.Characters(2, 3, "pixels", ("set/class01/giant.png", TestZips.PngClaiming(100_000, 100_000))),
            "image.too-many-pixels" },
        { "two recipe choices", TestZips.Characters(2, 3, "two", ("recipe.json", "{}"u8.ToArray()), ("set/recipe.json", "{}"u8.ToArray())),
            "recipe.ambiguous" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void A_hostile_or_unusable_zip_is_refused_with_its_reason(string what, byte[] zip, string code)
    {
        var error = Assert.Throws<InvalidInputException>(() => Inspect(zip));

        Assert.True(code == error.Code, $"{what}: {error.Code} ({error.Message})");
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void An_empty_file_is_refused_before_it_is_opened()
    {
        var error = Assert.Throws<InvalidInputException>(() => Inspect([]));

        Assert.Equal("zip.empty", error.Code);
    }

    [Theory]
    [InlineData("MaxZipBytes", "zip.too-large")]
    [InlineData("MaxEntries", "zip.too-many-entries")]
    [InlineData("MaxUncompressedBytes", "zip.too-large-uncompressed")]
    public void Each_upload_limit_is_enforced(string limit, string code)
    {
        byte[] zip = TestZips.Characters(2, 3, "limits");
        var limits = new UploadLimits();
        switch (limit)
        {
            case "MaxZipBytes": limits.MaxZipBytes = zip.Length - 1; break;
            case "MaxEntries": limits.MaxEntries = 6; break;   // 2 x 3 images and salt.txt
            default: limits.MaxUncompressedBytes = 1000; break;
        }

        var error = Assert.Throws<InvalidInputException>(() => Inspect(zip, limits));

        Assert.Equal(code, error.Code);
        Assert.Null(Record.Exception(() => Inspect(zip)));   // the same zip within the default limits
    }

    private static ZipInspection Inspect(byte[] zip, UploadLimits? limits = null)
    {
        var inspector = new ZipInspector(Options.Create(new PreparationOptions { Limits = limits ?? new UploadLimits() }));
        using var stream = new MemoryStream(zip);
        return inspector.Inspect(stream, zip.Length, "upload.zip", CancellationToken.None);
    }
}
