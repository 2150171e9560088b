using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Siamese.Serving.Galleries;

namespace Siamese.Functions.Triggers.Http;

/// <summary>
/// DELETE /api/galleries/{name}/identities/{label}/images/{imageId}[?model=name]: removes one image of an identity.
/// </summary>
public sealed class DeleteIdentityImage(GalleryCatalog catalog)
{
    [Function(nameof(DeleteIdentityImage))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "galleries/{name}/identities/{label}/images/{imageId}")]
        HttpRequest request,
        string name,
        string label,
        string imageId,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            await catalog.RemoveImageAsync(name, label, imageId, RequestReader.Model(request), cancellationToken);
            return TypedResults.NoContent();
        });
}
