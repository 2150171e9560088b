using System.IO.Compression;
using Microsoft.Extensions.Options;
using Siamese.Model.Data;
using Siamese.Model.Imaging;
using Siamese.Pipeline.Datasets;

namespace Siamese.Pipeline.Uploads;

/// <summary>
/// Measures what a checked upload's images are (<see cref="ImageProfiler"/>) from a sample of its genuine class images
/// (<see cref="ImageSample"/>), read from the zip.
/// </summary>
public sealed class UploadProfiler(IOptions<PreparationOptions> options)
{
    public ImageProfile Measure(Stream zipStream, ClassIndex index, CancellationToken cancellationToken)
    {
        using var zip = new ZipArchive(zipStream, ZipArchiveMode.Read, leaveOpen: true);
        var images = new List<(string Name, byte[] Bytes)>();
        foreach (string entry in ImageSample.Pick(index.Classes, ImageProfiler.MaxSample))
        {
            cancellationToken.ThrowIfCancellationRequested();
            images.Add((entry, Read(zip.GetEntry(entry)!)));
        }
        return ImageProfiler.Measure(images, options.Value.Limits.MaxImagePixels, cancellationToken);
    }

    // The inspector has read every image entry already, so their sizes are known to be what they declare.
    private static byte[] Read(ZipArchiveEntry entry)
    {
        using Stream stream = entry.Open();
        var buffer = new byte[entry.Length];
        stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return buffer;
    }
}
