using Siamese.Model.Imaging;
using SixLabors.ImageSharp;

namespace Siamese.Model.Data;

/// <summary>
/// Turns sampled pairs into pair images: decode both images, jitter them together, stack them vertically, and where
/// <paramref name="jpegQuality"/> is above 0 put the picture through JPEG as the original saved it (<see cref="PairJpeg"/>).
/// The jitter of each pair is seeded by the pair's key, so rendering is reproducible and independent of order.
/// </summary>
public sealed class PairRenderer(
    PairPreprocessor preprocessor, ColorMode colorMode, int seed, int jpegQuality, long maxPixels = ImageDecoder.DefaultMaxPixels)
{
    public Image Render(ImagePair pair, byte[] firstBytes, byte[] secondBytes)
    {
        using Image first = ImageDecoder.Decode(firstBytes, pair.FirstImage, colorMode, maxPixels);
        using Image second = ImageDecoder.Decode(secondBytes, pair.SecondImage, colorMode, maxPixels);
        preprocessor.Jitter(first, second, DeterministicRandom.For(seed, "jitter:" + pair.Key));
        Image picture = PairImage.Concatenate(first, second);
        if (jpegQuality == 0) return picture;
        using (picture) return PairJpeg.RoundTrip(picture, jpegQuality);
    }

    /// <summary>Renders every pair, in parallel, reading each distinct image from the archive once.</summary>
    public IReadOnlyList<PairSample> RenderAll(IReadOnlyList<ImagePair> pairs, ImageArchive archive, CancellationToken cancellationToken)
    {
        var bytes = pairs.SelectMany(p => new[] { p.FirstImage, p.SecondImage })
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(entry => entry, archive.Read, StringComparer.Ordinal);

        var samples = new PairSample[pairs.Count];
        ParallelWork.For(pairs.Count, cancellationToken, i =>
        {
            ImagePair pair = pairs[i];
            using Image image = Render(pair, bytes[pair.FirstImage], bytes[pair.SecondImage]);
            samples[i] = new PairSample(pair.Key, ImageTensors.ToPlanarBytes(image), pair.IsSame);
        });
        return samples;
    }
}
