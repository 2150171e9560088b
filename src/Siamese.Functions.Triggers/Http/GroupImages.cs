using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Siamese.Serving;
using Siamese.Serving.Contracts;
using Siamese.Serving.Galleries;

namespace Siamese.Functions.Triggers.Http;

/// <summary>
/// POST /api/group[?threshold=t][&amp;model=name]: multipart files (2 to 100) grouped into identities, with the ones
/// that fit nowhere apart.
/// </summary>
public sealed class GroupImages(ImageGrouping grouping, IOptions<ServingOptions> options)
{
    [Function(nameof(GroupImages))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "group")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            string model = RequestReader.Model(request);
            var images = await RequestReader.ReadFormImagesAsync(request, options.Value.MaxRequestBytes, cancellationToken);
            GroupResponse response = await grouping.GroupAsync(model, images, RequestReader.Threshold(request), cancellationToken);
            return TypedResults.Json(response, ApiJson.Default.GroupResponse);
        });
}
