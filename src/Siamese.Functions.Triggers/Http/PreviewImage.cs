using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Siamese.Serving;
using Siamese.Serving.Comparison;

namespace Siamese.Functions.Triggers.Http;

/// <summary>POST /api/preview[?model=name]: the image (raw body or multipart "image") as that model sees it, a PNG.</summary>
public sealed class PreviewImage(ModelInputPreview preview, IOptions<ServingOptions> options)
{
    [Function(nameof(PreviewImage))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "preview")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            string model = RequestReader.Model(request);
            ImageUpload image = await RequestReader.ReadSingleImageAsync(request, options.Value.MaxRequestBytes, cancellationToken);
            return TypedResults.Bytes(await preview.RenderAsync(model, image, cancellationToken), "image/png");
        });
}
