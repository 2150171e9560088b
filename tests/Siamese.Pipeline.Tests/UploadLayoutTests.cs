using System.Text;
using Microsoft.Extensions.Options;
using Siamese.Model;
using Siamese.Model.Data;
using Siamese.Pipeline.Datasets;
using Siamese.Pipeline.Uploads;
using Siamese.Testing;
using SixLabors.ImageSharp;

namespace Siamese.Pipeline.Tests;

/// <summary>
/// The layouts people have: labels.csv instead of class folders, impostor folders and the impostor column, and images
/// whose file names do not say they are images.
/// </summary>
public class UploadLayoutTests
{
    private static readonly IReadOnlyList<(string Name, byte[] Bytes)> Characters = SampleImages.SomeCharacters(60);

    [Fact]
    public void Labels_csv_gives_the_classes_and_marks_impostors_whatever_the_folders()
    {
        byte[] zip = Zip(
            "faces/labels.csv",
            """
            file,label,impostor
            "a, first.png",alice,
            mixed/a2.png,alice,false
            a3.png,alice,0
            forged-by-bob.png,alice,yes
            b1.png,bob,
            "b2.png","bob","no"
            c1.png,carol,
            """,
            "faces/a, first.png", "faces/mixed/a2.png", "faces/a3.png", "faces/forged-by-bob.png", "faces/b1.png", "faces/b2.png",
            "faces/c1.png");

        ZipInspection inspection = Inspect(zip, ("faces/README.txt", "notes"u8.ToArray()));

        ClassIndex index = inspection.Index;
        Assert.Equal(ClassLayout.Labels, index.Layout);
        Assert.Equal(["alice", "bob"], index.Classes.Select(c => c.Name));
        Assert.Equal(["faces/a, first.png", "faces/a3.png", "faces/mixed/a2.png"], index.Classes[0].Images);
        Assert.Equal(["faces/forged-by-bob.png"], index.Classes[0].Impostors);
        Assert.Empty(index.Classes[1].Impostors);
        Assert.Equal((5, 1, 1), (index.ImageCount, index.ImpostorCount, index.ClassesWithImpostors));
        Assert.Equal(["carol"], index.SkippedClasses);
        Assert.Equal(1, inspection.Warnings.NonImageEntries);   // README.txt
        Assert.Contains("not an image: faces/README.txt", inspection.Warnings.Examples);
    }

    [Fact]
    public void A_labels_csv_that_names_files_the_zip_lacks_is_refused_with_how_many_and_which()
    {
        byte[] zip = Zip("labels.csv", "file,label\na.png,x\nb.png,x\ngone.png,y\nlost.png,y\n", "a.png", "b.png");

        var error = Assert.Throws<InvalidInputException>(() => Inspect(zip));

        Assert.Equal("labels.missing-files", error.Code);
        Assert.Contains("names 2 files", error.Message);
        Assert.Contains("gone.png (line 4)", error.Message);
        Assert.Contains("lost.png (line 5)", error.Message);
    }

    [Fact]
    public void An_image_that_labels_csv_does_not_name_is_refused_with_how_many_and_which()
    {
        byte[] zip = Zip("labels.csv", "file,label\na.png,x\nb.png,x\nc.png,y\nd.png,y\n",
            "a.png", "b.png", "c.png", "d.png", "extra/e.png");

        var error = Assert.Throws<InvalidInputException>(() => Inspect(zip));

        Assert.Equal("labels.unlabelled-files", error.Code);
        Assert.Contains("has 1 images", error.Message);
        Assert.Contains("extra/e.png", error.Message);
    }

    [Theory]
    [InlineData("file,label\na.png,x\nb.png\n", "labels.invalid", "line 3")]
    [InlineData("file,label,impostor\na.png,x,maybe\n", "labels.invalid", "line 2")]
    [InlineData("file,class\na.png,x\n", "labels.invalid", "line 1")]
    [InlineData("file,label\na.png,x\n\"b.png,x\n", "labels.invalid", "line 3")]
    [InlineData("file,label\na.png,x\nb.png,x\n./a.png,y\n", "labels.ambiguous", "lines 2 and 4")]
    public void A_malformed_labels_csv_is_refused_with_the_line(string csv, string code, string where)
    {
        var error = Assert.Throws<InvalidInputException>(() => Inspect(Zip("labels.csv", csv, "a.png", "b.png")));

        Assert.Equal(code, error.Code);
        Assert.Contains(where, error.Message);
    }

    [Fact]
    public void Images_in_impostor_folders_of_any_case_are_impostors_of_the_class_above_and_do_not_make_a_class_trainable()
    {
        byte[] zip = TestZips.Build([
            .. Images("sig/001/1.png", "sig/001/2.png", "sig/001/forged/f1.png", "sig/001/Forgeries/deeper/f2.png"),
            .. Images("sig/002/1.png", "sig/002/2.png", "sig/002/3.png", "sig/002/IMPOSTORS/f1.png"),
            .. Images("sig/003/1.png", "sig/003/forged/f1.png", "sig/003/forged/f2.png"),
        ]);

        ZipInspection inspection = Inspect(zip);

        ClassIndex index = inspection.Index;
        Assert.Equal(ClassLayout.Folders, index.Layout);
        Assert.Equal(["001", "002"], index.Classes.Select(c => c.Name));
        Assert.Equal(["sig/001/1.png", "sig/001/2.png"], index.Classes[0].Images);
        Assert.Equal(["sig/001/Forgeries/deeper/f2.png", "sig/001/forged/f1.png"], index.Classes[0].Impostors);
        Assert.Equal(["sig/002/IMPOSTORS/f1.png"], index.Classes[1].Impostors);
        Assert.Equal((5, 3, 2), (index.ImageCount, index.ImpostorCount, index.ClassesWithImpostors));
        Assert.Equal(["003"], index.SkippedClasses);
    }

    [Fact]
    public void A_genuine_folder_beside_a_forged_one_holds_the_class_own_images_as_signature_sets_lay_them_out()
    {
        byte[] zip = TestZips.Build([
            .. Images("user1/genuine/U1S1.png", "user1/genuine/U1S2.png", "user1/forged/U1S21.png"),
            .. Images("user2/Genuine/U2S1.png", "user2/Genuine/U2S2.png", "user2/forged/U2S21.png", "user2/forged/U2S22.png"),
        ]);

        ClassIndex index = Inspect(zip).Index;

        Assert.Equal(["user1", "user2"], index.Classes.Select(c => c.Name));
        Assert.Equal(["user1/genuine/U1S1.png", "user1/genuine/U1S2.png"], index.Classes[0].Images);
        Assert.Equal(["user2/forged/U2S21.png", "user2/forged/U2S22.png"], index.Classes[1].Impostors);
        Assert.Equal((4, 3, 2), (index.ImageCount, index.ImpostorCount, index.ClassesWithImpostors));
    }

    [Fact]
    public void Files_without_an_image_extension_are_images_by_their_content_and_a_text_file_is_still_not_one()
    {
        byte[] zip = TestZips.Build([
            ("yalefaces/labels.csv", Encoding.UTF8.GetBytes("file,label\nsubject01.glasses,subject01\nsubject01.happy,subject01\n" +
                "subject02.glasses,subject02\nsubject02.happy,subject02\n")),
            ("yalefaces/subject01.glasses", AsGif(Characters[0].Bytes)), ("yalefaces/subject01.happy", AsGif(Characters[1].Bytes)),
            ("yalefaces/subject02.glasses", AsGif(Characters[20].Bytes)), ("yalefaces/subject02.happy", AsGif(Characters[21].Bytes)),
            ("yalefaces/Readme.txt", "The Yale face database"u8.ToArray()),
        ]);

        ZipInspection inspection = Inspect(zip);

        Assert.Equal(["subject01", "subject02"], inspection.Index.Classes.Select(c => c.Name));
        Assert.Equal(["yalefaces/subject01.glasses", "yalefaces/subject01.happy"], inspection.Index.Classes[0].Images);
        Assert.Equal((1, 0), (inspection.Warnings.NonImageEntries, inspection.Warnings.UnreadableImages));
    }

    [Fact]
    public void An_image_without_any_extension_in_a_class_folder_is_an_image_of_that_class()
    {
        byte[] zip = TestZips.Build([
            ("s1/happy", AsGif(Characters[0].Bytes)), ("s1/sad", Characters[1].Bytes),
            ("s2/happy", AsGif(Characters[20].Bytes)), ("s2/sad", Characters[21].Bytes), ("s2/notes", "not an image"u8.ToArray()),
        ]);

        ZipInspection inspection = Inspect(zip);

        Assert.Equal(["s1/happy", "s1/sad"], inspection.Index.Classes[0].Images);
        Assert.Equal(["s2/happy", "s2/sad"], inspection.Index.Classes[1].Images);
        Assert.Equal(["not an image: s2/notes"], inspection.Warnings.Examples);
    }

    /// <summary>A zip with a labels.csv and a real character for each named image.</summary>
    private static byte[] Zip(string csvEntry, string csv, params string[] images) =>
        TestZips.Build([(csvEntry, Encoding.UTF8.GetBytes(csv)), .. Images(images)]);

    private static IEnumerable<(string, byte[])> Images(params string[] entries) =>
        entries.Select((e, i) => (e, Characters[i % Characters.Count].Bytes));

    private static IEnumerable<(string, byte[])> Entries(byte[] zip)
    {
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        return archive.Entries.Select(e =>
        {
            using var stream = new MemoryStream();
            using (Stream content = e.Open()) content.CopyTo(stream);
            return (e.FullName, stream.ToArray());
        }).ToList();
    }

    private static byte[] AsGif(byte[] png)
    {
        using Image image = Image.Load(png);
        using var gif = new MemoryStream();
        image.SaveAsGif(gif);
        return gif.ToArray();
    }

    private static ZipInspection Inspect(byte[] zip, params (string Entry, byte[] Bytes)[] extra)
    {
        if (extra.Length > 0) zip = TestZips.Build([.. Entries(zip), .. extra]);
        var inspector = new ZipInspector(Options.Create(new PreparationOptions()));
        using var stream = new MemoryStream(zip);
        return inspector.Inspect(stream, zip.Length, "upload.zip", CancellationToken.None);
    }
}
