using static TorchSharp.torch;

namespace Siamese.Model.Training.Batches;

/// <summary>
/// A random brightness and contrast change of each image of a batch, drawn per image: strength 1 shifts brightness by up to
/// ±0.15 and scales contrast about the image's mean by x0.75 to x1.33. Values stay in [0, 1].
/// </summary>
public static class PhotometricJitter
{
    public static Tensor Apply(Tensor images, double strength, Random random)
    {
        if (strength <= 0) return images.alias();
        long n = images.shape[0];
        var brightness = new float[n];
        var contrast = new float[n];
        for (long i = 0; i < n; i++)
        {
            brightness[i] = (float)random.Symmetric(0.15 * strength);
            contrast[i] = (float)Math.Exp(random.Symmetric(Math.Log(4.0 / 3) * strength));
        }
        using var scope = NewDisposeScope();
        Tensor shift = tensor(brightness, [n, 1, 1, 1]).to(images.device);
        Tensor scale = tensor(contrast, [n, 1, 1, 1]).to(images.device);
        Tensor mean = images.mean([1, 2, 3], keepdim: true);
        return ((images - mean) * scale + mean + shift).clamp(0, 1).MoveToOuterDisposeScope();
    }
}
