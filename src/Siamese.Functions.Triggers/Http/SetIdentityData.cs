using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Siamese.Serving.Contracts;
using Siamese.Serving.Galleries;

namespace Siamese.Functions.Triggers.Http;

/// <summary>
/// PUT /api/galleries/{name}/identities/{label}[?model=name]: JSON {"userData": "..."} sets the identity's user data
/// (null clears it).
/// </summary>
public sealed class SetIdentityData(GalleryCatalog catalog)
{
    /// <summary>Room for the longest user data (<see cref="GalleryNames.MaxUserDataBytes"/> bytes, escaped) in JSON.</summary>
    private const long UserDataBytes = 128 << 10;

    [Function(nameof(SetIdentityData))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "galleries/{name}/identities/{label}")] HttpRequest request,
        string name,
        string label,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            IdentityDataRequest body = await RequestReader.ReadOptionalJsonAsync(request, UserDataBytes,
                ApiJson.Default.IdentityDataRequest, new IdentityDataRequest(null), cancellationToken);
            IdentityResponse response = await catalog.SetUserDataAsync(name, label, RequestReader.Model(request), body.UserData,
                cancellationToken);
            return TypedResults.Json(response, ApiJson.Default.IdentityResponse);
        });
}
