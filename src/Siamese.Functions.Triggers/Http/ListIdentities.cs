using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Siamese.Serving.Contracts;
using Siamese.Serving.Galleries;

namespace Siamese.Functions.Triggers.Http;

/// <summary>
/// GET /api/galleries/{name}/identities[?after=label][&amp;limit=100][&amp;model=name]: a page of identities in ordinal
/// label order; "next" continues it.
/// </summary>
public sealed class ListIdentities(GalleryCatalog catalog)
{
    [Function(nameof(ListIdentities))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "galleries/{name}/identities")] HttpRequest request,
        string name,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            IdentityListResponse response = await catalog.ListAsync(name, RequestReader.Model(request), request.Query["after"],
                RequestReader.Integer(request, "limit"), cancellationToken);
            return TypedResults.Json(response, ApiJson.Default.IdentityListResponse);
        });
}
