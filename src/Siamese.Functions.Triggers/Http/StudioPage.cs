using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Siamese.Functions.Triggers.Studio;

namespace Siamese.Functions.Triggers.Http;

/// <summary>
/// GET /api/studio and /api/studio/{file}: the page to try the API (compare, galleries, models, uploads). Anonymous, so a
/// browser can load it before it has a key; every call the page makes goes to the keyed routes with the key the person gives.
/// </summary>
public sealed class StudioPage
{
    [Function(nameof(StudioPage))]
    public IResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "studio/{file?}")] HttpRequest request,
        string? file)
    {
        if (StudioFiles.Find(file ?? StudioFiles.Page) is not { } found)
            return ApiProblem.Problem(StatusCodes.Status404NotFound, "studio.not-found",
                $"The studio has no file '{file}'; it is {string.Join(", ", StudioFiles.Names)}.");
        request.HttpContext.Response.Headers.ContentSecurityPolicy = StudioFiles.ContentSecurityPolicy;
        request.HttpContext.Response.Headers.CacheControl = "no-cache";
        request.HttpContext.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Bytes(found.Content, found.ContentType);
    }
}
