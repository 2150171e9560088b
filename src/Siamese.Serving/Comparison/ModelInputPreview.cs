using Siamese.Model.Imaging;
using Siamese.Serving.Provider;
using SixLabors.ImageSharp;

namespace Siamese.Serving.Comparison;

/// <summary>
/// An image as the model a name serves sees it: after its preprocessing (colour mode, paper and strokes, resize and crop to
/// the input size), as a PNG. What compare and the galleries embed, shown to a person.
/// </summary>
public sealed class ModelInputPreview(ModelProvider models, Embedder embedder)
{
    public async Task<byte[]> RenderAsync(string? model, ImageUpload image, CancellationToken cancellationToken)
    {
        using ModelLease lease = await models.AcquireAsync(model, cancellationToken);
        ServedModel served = lease.Model;
        int size = served.Preprocessor.OutputSize;
        using Image input = ImageTensors.FromPlanarBytes(embedder.Preprocess(served, image), served.ColorMode.Channels(), size, size);
        using var png = new MemoryStream();
        await input.SaveAsPngAsync(png, cancellationToken);
        return png.ToArray();
    }
}
