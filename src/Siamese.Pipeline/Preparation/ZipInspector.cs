using System.IO.Compression;
using Microsoft.Extensions.Options;
using Siamese.Model;
using Siamese.Model.Data;
using Siamese.Model.Imaging;
using Siamese.Model.Recipes;
using Siamese.Storage.Datasets;

namespace Siamese.Pipeline.Preparation;

/// <summary>The classes of a checked upload, what was skipped on the way, and the upload's recipe choice file if it has one.</summary>
public sealed record ZipInspection(ClassIndex Index, DatasetWarnings Warnings, byte[]? RecipeFile = null);

/// <summary>
/// Checks an uploaded zip before anything is built from it: its size, entry count, total and per-entry compression
/// ratio, entry paths (no absolute paths, no '..'), and every image (decodable, within the pixel limit).
/// Hostile or unusable input fails with an <see cref="InvalidInputException"/>; skippable entries become warnings.
/// </summary>
public sealed class ZipInspector(IOptions<PreparationOptions> options)
{
    private const int DecodeBatch = 256;
    private const int MaxExamples = 10;
    private const int MaxRecipeFileBytes = 64 << 10;

    public ZipInspection Inspect(Stream zipStream, long length, string name, CancellationToken cancellationToken)
    {
        UploadLimits limits = options.Value.Limits;
        if (length == 0) throw new InvalidInputException("zip.empty", $"'{name}' is empty (0 bytes).");
        if (length > limits.MaxZipBytes)
            throw new InvalidInputException("zip.too-large", $"'{name}' is {length:N0} bytes; the limit is {limits.MaxZipBytes:N0}.");

        using ZipArchive zip = OpenZip(zipStream, name);
        var files = CheckEntries(zip, name, limits);
        byte[]? recipeFile = ReadRecipeFile(files, name);
        files.RemoveAll(IsRecipeFile);
        ClassIndex all = ClassIndex.Build(files.Select(e => e.FullName));

        var unreadable = new List<string>();
        var readable = new HashSet<string>(StringComparer.Ordinal);
        var imageEntries = files.Where(e => ImageDecoder.HasImageExtension(e.FullName)).ToList();
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

        var usableFiles = files.Select(e => e.FullName).Where(f => !ImageDecoder.HasImageExtension(f) || readable.Contains(f));
        ClassIndex usable = ClassIndex.Build(usableFiles);
        usable = usable with { NonImageEntries = all.NonImageEntries };
        var examples = unreadable.Select(u => $"unreadable image: {u}")
            .Concat(usable.SkippedClasses.Select(c => $"class with fewer than two images: {c}"))
            .Concat(files.Where(f => !ImageDecoder.HasImageExtension(f.FullName)).Select(f => $"not an image: {f.FullName}"))
            .Take(MaxExamples)
            .ToList();
        var warnings = new DatasetWarnings(
            usable.NonImageEntries, usable.ImagesOutsideClasses, usable.SkippedClasses.Count, unreadable.Count, examples);
        return new ZipInspection(usable, warnings, recipeFile);
    }

    /// <summary>recipe.json at the zip's root, or at the root of the one folder that wraps everything.</summary>
    private static bool IsRecipeFile(ZipArchiveEntry entry) =>
        Path.GetFileName(entry.FullName) == TrainingRecipes.ChoiceFile && entry.FullName.Count(c => c == '/') <= 1;

    private static byte[]? ReadRecipeFile(List<ZipArchiveEntry> files, string name)
    {
        var found = files.Where(IsRecipeFile).ToList();
        if (found.Count == 0) return null;
        if (found.Count > 1)
            throw new InvalidInputException("recipe.ambiguous",
                $"'{name}' has {found.Count} {TrainingRecipes.ChoiceFile} files ({string.Join(", ", found.Select(f => f.FullName))}); " +
                "keep one, at the zip's root.");
        if (found[0].Length > MaxRecipeFileBytes)
            throw new InvalidInputException("recipe.too-large",
                $"'{found[0].FullName}' is {found[0].Length:N0} bytes; " +
                $"a recipe choice is a small JSON file (at most {MaxRecipeFileBytes:N0} bytes).");
        return ReadExactly(found[0]);
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
