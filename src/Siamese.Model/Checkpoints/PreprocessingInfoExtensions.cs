using Siamese.Model.Imaging;

namespace Siamese.Model.Checkpoints;

public static class PreprocessingInfoExtensions
{
    /// <summary>The deterministic preprocessing (centred crop) that evaluation and serving apply for this checkpoint.</summary>
    public static PairPreprocessor ToPreprocessor(this PreprocessingInfo info) =>
        new(new JitterOptions
        {
            ResizeTo = info.ResizeTo, CropTo = info.CropTo, Resampler = info.Resampler, Paper = info.Paper, Strokes = info.Strokes,
            Fit = info.Fit,
        }, info.ImageSize);
}
