using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Siamese.Serving.Galleries;

namespace Siamese.Functions.Triggers.Http;

/// <summary>
/// DELETE /api/galleries/{name}/identities/{label}[?model=name]: removes the identity and all its images.
/// </summary>
public sealed class DeleteIdentity(GalleryCatalog catalog)
{
    [Function(nameof(DeleteIdentity))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "galleries/{name}/identities/{label}")] HttpRequest request,
        string name,
        string label,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            await catalog.RemoveIdentityAsync(name, label, RequestReader.Model(request), cancellationToken);
            return TypedResults.NoContent();
        });
}
