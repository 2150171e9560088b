using static TorchSharp.torch;

namespace Siamese.Model.Training.Batches;

/// <summary>
/// A random small affine distortion of each image of a batch, as the published Siamese work applied to its training
/// pairs: rotation, scale, shear and shift, drawn per image. Strength 1 means rotation up to ±10°, scale ±10 %,
/// shear up to ±0.2 and shift up to ±10 % of the side. Pixels from outside repeat the border (white for Omniglot).
/// </summary>
public static class AffineDistortion
{
    public static Tensor Apply(Tensor images, double strength, Random random)
    {
        if (strength <= 0) return images.alias();
        long n = images.shape[0];
        var theta = new float[n * 6];
        for (long i = 0; i < n; i++)
        {
            double angle = random.Symmetric(10 * strength) * Math.PI / 180;
            double scale = 1 + random.Symmetric(0.1 * strength);
            double shear = random.Symmetric(0.2 * strength);
            double shiftX = random.Symmetric(0.2 * strength), shiftY = random.Symmetric(0.2 * strength); // grid units: the side is 2
            double cos = Math.Cos(angle) / scale, sin = Math.Sin(angle) / scale;
            // Output-to-input map: rotation and scale, then shear along x.
            theta[i * 6 + 0] = (float)(cos + shear * sin);
            theta[i * 6 + 1] = (float)(-sin + shear * cos);
            theta[i * 6 + 2] = (float)shiftX;
            theta[i * 6 + 3] = (float)sin;
            theta[i * 6 + 4] = (float)cos;
            theta[i * 6 + 5] = (float)shiftY;
        }
        using var scope = NewDisposeScope();
        Tensor grid = nn.functional.affine_grid(tensor(theta, [n, 2, 3]).to(images.device), images.shape, align_corners: false);
        return nn.functional.grid_sample(images, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Border, align_corners: false)
            .MoveToOuterDisposeScope();
    }
}
