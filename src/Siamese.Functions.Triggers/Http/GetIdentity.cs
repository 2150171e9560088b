using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Siamese.Serving.Contracts;
using Siamese.Serving.Galleries;

namespace Siamese.Functions.Triggers.Http;

/// <summary>GET /api/galleries/{name}/identities/{label}[?model=name]: an identity's images and user data.</summary>
public sealed class GetIdentity(GalleryCatalog catalog)
{
    [Function(nameof(GetIdentity))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "galleries/{name}/identities/{label}")] HttpRequest request,
        string name,
        string label,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            IdentityResponse response = await catalog.GetIdentityAsync(name, label, RequestReader.Model(request), cancellationToken);
            return TypedResults.Json(response, ApiJson.Default.IdentityResponse);
        });
}
