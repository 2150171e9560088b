using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Processing;
using SixLabors.ImageSharp.Processing.Processors.Transforms;

namespace Siamese.Model.Imaging;

/// <summary>
/// Brings images to the network's input size. Training pairs get the original's random jitter (one crop and one flip
/// for both images of a pair); evaluation and serving get the same resize with a centred crop and no flip, so they see
/// what training saw on average.
/// </summary>
public sealed class PairPreprocessor(JitterOptions jitter, int outputSize)
{
    private readonly JitterOptions jitter = jitter.Validate();

    public int OutputSize { get; } = outputSize;

    /// <summary>Jitters both images in place with the same crop and flip, drawn from <paramref name="random"/>.</summary>
    public void Jitter(Image first, Image second, Random random)
    {
        int range = jitter.ResizeTo - jitter.CropTo;
        int x = random.Next(range + 1);
        int y = random.Next(range + 1);
        bool flip = random.NextDouble() < jitter.FlipProbability;

        Apply(first, x, y, flip);
        Apply(second, x, y, flip);
    }

    /// <summary>The deterministic preprocessing for evaluation and serving: centred crop, no flip.</summary>
    public void Standardize(Image image)
    {
        int offset = (jitter.ResizeTo - jitter.CropTo) / 2;
        Apply(image, offset, offset, flip: false);
    }

    /// <summary>Decodes an image file and gives the network's input for it: standardized, planar bytes (C x S x S).</summary>
    public byte[] ToNetworkInput(byte[] encoded, string name, ColorMode colorMode, long maxPixels = ImageDecoder.DefaultMaxPixels)
    {
        using Image image = ImageDecoder.Decode(encoded, name, colorMode, maxPixels);
        Standardize(image);
        return ImageTensors.ToPlanarBytes(image);
    }

    private void Apply(Image image, int cropX, int cropY, bool flip)
    {
        bool redrawn = jitter.Strokes == Strokes.Redrawn;
        if (jitter.Fit == ImageFit.Pad) SquarePadding.Apply(image);
        if (redrawn) StrokeRedrawing.Apply(image, jitter.ResizeTo, jitter.CropTo);
        Resize(image, cropX, cropY, flip);
        // Redrawn strokes are black on white already. After resizing: the border is read on the network's small input,
        // and inverting commutes with the resampling.
        if (jitter.Paper == Paper.Light && !redrawn && PaperTone.IsDark(image)) image.Mutate(context => context.Invert());
    }

    private void Resize(Image image, int cropX, int cropY, bool flip)
    {
        if (jitter.Resampler == Resampler.HalfPixelNearest)
        {
            HalfPixelNearest.Gather(image, SourceIndices(image.Width, cropX, flip), SourceIndices(image.Height, cropY, reverse: false));
            return;
        }
        image.Mutate(context =>
        {
            IResampler sampler = jitter.Resampler.ToImageSharp();
            context.Resize(jitter.ResizeTo, jitter.ResizeTo, sampler)
                   .Crop(new Rectangle(cropX, cropY, jitter.CropTo, jitter.CropTo))
                   .Resize(OutputSize, OutputSize, sampler);
            if (flip) context.Flip(FlipMode.Horizontal);
        });
    }

    /// <summary>
    /// The source pixel each output pixel takes along one axis for <see cref="Resampler.HalfPixelNearest"/>: the resize to
    /// ResizeTo, the crop from <paramref name="crop"/> and the resize to the output size composed (reversed for a flip).
    /// </summary>
    private int[] SourceIndices(int input, int crop, bool reverse)
    {
        int[] resized = HalfPixelNearest.SourceIndices(input, jitter.ResizeTo);
        int[] output = HalfPixelNearest.SourceIndices(jitter.CropTo, OutputSize);
        var indices = new int[OutputSize];
        for (int x = 0; x < OutputSize; x++)
            indices[x] = resized[crop + output[reverse ? OutputSize - 1 - x : x]];
        return indices;
    }
}
