using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Options;
using Siamese.Model;
using Siamese.Model.Data;
using Siamese.Model.Imaging;
using Siamese.Model.Recipes;
using Siamese.Pipeline.Datasets;
using Siamese.Storage.Datasets;

namespace Siamese.Pipeline.Uploads;

/// <summary>
/// The classes of a checked upload (from its folders, or its labels.csv), what was skipped on the way, and the upload's recipe
/// choice file if it has one.
/// </summary>
public sealed record ZipInspection(ClassIndex Index, DatasetWarnings Warnings, byte[]? RecipeFile = null);

/// <summary>
/// Checks an uploaded zip before anything is built from it: its size, entry count, total and per-entry compression
/// ratio, entry paths (no absolute paths, no '..'), labels.csv if there is one (<see cref="LabelledClasses"/>), and every
/// image (decodable, within the pixel limit), whatever its extension.
/// Hostile or unusable input fails with an <see cref="InvalidInputException"/>; skippable entries become warnings.
/// </summary>
public sealed class ZipInspector(IOptions<PreparationOptions> options)
{
    private const int DecodeBatch = 256;
    private const int MaxExamples = 10;
    private const int MaxRecipeFileBytes = 64 << 10;
    private const int MaxLabelsFileBytes = 32 << 20;

    public ZipInspection Inspect(Stream zipStream, long length, string name, CancellationToken cancellationToken)
    {
        UploadLimits limits = options.Value.Limits;
        if (length == 0) throw new InvalidInputException("zip.empty", $"'{name}' is empty (0 bytes).");
        if (length > limits.MaxZipBytes)
            throw new InvalidInputException("zip.too-large", $"'{name}' is {length:N0} bytes; the limit is {limits.MaxZipBytes:N0}.");

        using ZipArchive zip = OpenZip(zipStream, name);
        var files = CheckEntries(zip, name, limits);
        byte[]? recipeFile = ReadRecipeFile(files, name);
        string? labelsEntry = RootFiles.Find(files.Select(f => f.FullName), LabelsCsv.FileName, name, "labels.ambiguous");
        IReadOnlyList<LabelRow>? labels = labelsEntry is null ? null : ReadLabels(files.First(f => f.FullName == labelsEntry));
        files.RemoveAll(f => IsRecipeFile(f) || f.FullName == labelsEntry);

        var imageEntries = files.Where(IsImageCandidate).ToList();
        var unreadable = new List<string>();
        var readable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in imageEntries.Chunk(DecodeBatch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var bytes = batch.Select(ReadExactly).ToArray();
            var results = new bool[batch.Length];
            ParallelWork.For(batch.Length, cancellationToken, i => results[i] = CanDecode(batch[i].FullName, bytes[i], limits));
            for (int i = 0; i < batch.Length; i++)
            {
                if (results[i]) readable.Add(batch[i].FullName);
                else unreadable.Add(batch[i].FullName);
            }
        }

        var names = files.Select(f => f.FullName).ToList();
        var notImages = files.Except(imageEntries).Select(f => f.FullName).ToList();
        ClassIndex usable = labels is null
            ? ClassIndex.Build(names, readable.Contains)
            : LabelledClasses.Build(labels, labelsEntry!, names, readable.Contains, name);
        usable = usable with { NonImageEntries = notImages.Count(f => !ClassIndex.IsHiddenOrSystem(f)) };
        var examples = unreadable.Select(u => $"unreadable image: {u}")
            .Concat(usable.SkippedClasses.Select(c => $"class with fewer than two images: {c}"))
            .Concat(notImages.Select(f => $"not an image: {f}"))
            .Take(MaxExamples)
            .ToList();
        var warnings = new DatasetWarnings(
            usable.NonImageEntries, usable.ImagesOutsideClasses, usable.SkippedClasses.Count, unreadable.Count, examples);
        return new ZipInspection(usable, warnings, recipeFile);
    }

    /// <summary>
    /// An image by its extension, or, where the extension does not say, by its first bytes (so "subject01.glasses", a GIF, is
    /// one and "README.txt" is not); known extensions are not probed.
    /// </summary>
    private static bool IsImageCandidate(ZipArchiveEntry entry)
    {
        if (ImageDecoder.HasImageExtension(entry.FullName)) return true;
        if (ClassIndex.IsHiddenOrSystem(entry.FullName)) return false;
        try
        {
            using Stream stream = entry.Open();
            var start = new byte[(int)Math.Min(entry.Length, ImageDecoder.SignatureBytes)];
            int read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
            return ImageDecoder.HasImageSignature(start.AsSpan(0, read));
        }
        catch (InvalidDataException)
        {
            return false; // a damaged entry that no extension calls an image
        }
    }

    private static IReadOnlyList<LabelRow> ReadLabels(ZipArchiveEntry entry)
    {
        if (entry.Length > MaxLabelsFileBytes)
            throw new InvalidInputException("labels.too-large",
                $"'{entry.FullName}' is {entry.Length:N0} bytes; the limit is {MaxLabelsFileBytes:N0}.");
        return LabelsCsv.Parse(Encoding.UTF8.GetString(ReadExactly(entry)), entry.FullName);
    }

    /// <summary>recipe.json at the zip's root, or at the root of the one folder that wraps everything.</summary>
    private static bool IsRecipeFile(ZipArchiveEntry entry) => RootFiles.IsAtRoot(entry.FullName, TrainingRecipes.ChoiceFile);

    private static byte[]? ReadRecipeFile(List<ZipArchiveEntry> files, string name)
    {
        string? found = RootFiles.Find(files.Select(f => f.FullName), TrainingRecipes.ChoiceFile, name, "recipe.ambiguous");
        if (found is null) return null;
        ZipArchiveEntry entry = files.First(f => f.FullName == found);
        if (entry.Length > MaxRecipeFileBytes)
            throw new InvalidInputException("recipe.too-large",
                $"'{entry.FullName}' is {entry.Length:N0} bytes; " +
                $"a recipe choice is a small JSON file (at most {MaxRecipeFileBytes:N0} bytes).");
        return ReadExactly(entry);
    }

    private static ZipArchive OpenZip(Stream stream, string name)
    {
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidInputException("zip.corrupt", $"'{name}' is not a readable zip file ({ex.Message.TrimEnd('.')}).", ex);
        }
    }

    private static List<ZipArchiveEntry> CheckEntries(ZipArchive zip, string name, UploadLimits limits)
    {
        if (zip.Entries.Count == 0) throw new InvalidInputException("zip.empty", $"'{name}' has no entries.");
        if (zip.Entries.Count > limits.MaxEntries)
            throw new InvalidInputException("zip.too-many-entries",
                $"'{name}' has {zip.Entries.Count:N0} entries; the limit is {limits.MaxEntries:N0}.");

        var files = new List<ZipArchiveEntry>();
        long total = 0;
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            if (IsUnsafePath(entry.FullName))
                throw new InvalidInputException("zip.unsafe-path",
                    $"'{name}' has an entry with an absolute or parent path ('{entry.FullName}'); " +
                    "entries must stay inside the archive.");
            if (entry.FullName.EndsWith('/')) continue;

            total += entry.Length;
            if (total > limits.MaxUncompressedBytes)
                throw new InvalidInputException("zip.too-large-uncompressed",
                    $"'{name}' expands to more than {limits.MaxUncompressedBytes:N0} bytes.");
            double ratio = entry.CompressedLength == 0
                ? (entry.Length == 0 ? 1 : double.PositiveInfinity)
                : (double)entry.Length / entry.CompressedLength;
            if (ratio > limits.MaxCompressionRatio)
                throw new InvalidInputException("zip.compression-ratio",
                    $"Entry '{entry.FullName}' of '{name}' expands {ratio:N0}-fold " +
                    $"({entry.CompressedLength:N0} → {entry.Length:N0} bytes); " +
                    $"the limit is {limits.MaxCompressionRatio:N0} (a zip bomb?).");
            files.Add(entry);
        }
        return files;
    }

    private static bool IsUnsafePath(string path)
    {
        string normalised = path.Replace('\\', '/');
        return normalised.StartsWith('/')
            || (normalised.Length >= 2 && normalised[1] == ':')
            || normalised.Split('/').Any(segment => segment == "..");
    }

    /// <summary>Reads an entry, never more than it declares: a lying size header cannot expand past the limits.</summary>
    private static byte[] ReadExactly(ZipArchiveEntry entry)
    {
        try
        {
            using Stream stream = entry.Open();
            var buffer = new byte[entry.Length];
            stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (stream.ReadByte() != -1)
                throw new InvalidInputException("zip.size-mismatch", $"Entry '{entry.FullName}' holds more data than its header declares.");
            return buffer;
        }
        catch (InvalidDataException)
        {
            return []; // a damaged entry: reported as an unreadable image
        }
    }

    private static bool CanDecode(string entry, byte[] bytes, UploadLimits limits)
    {
        try
        {
            using var image = ImageDecoder.Decode(bytes, entry, ColorMode.Grayscale, limits.MaxImagePixels);
            return true;
        }
        catch (InvalidInputException ex) when (ex.Code != "image.too-many-pixels")
        {
            return false;
        }
    }
}
