using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Siamese.Serving.Galleries;

namespace Siamese.Functions.Triggers.Http;

/// <summary>DELETE /api/galleries/{name}[?model=name]: deletes the gallery, its identities and images.</summary>
public sealed class DeleteGallery(GalleryCatalog catalog)
{
    [Function(nameof(DeleteGallery))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "galleries/{name}")] HttpRequest request,
        string name,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            await catalog.DeleteAsync(name, RequestReader.Model(request), cancellationToken);
            return TypedResults.NoContent();
        });
}
