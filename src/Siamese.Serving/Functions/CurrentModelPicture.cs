using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Siamese.Serving.Http;
using Siamese.Serving.Models;

namespace Siamese.Serving.Functions;

/// <summary>GET /api/models/current/{file}: curves.png or report.html of the model that answers comparisons now.</summary>
public sealed class CurrentModelPicture(ModelPictures pictures)
{
    [Function(nameof(CurrentModelPicture))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "models/current/{file}")] HttpRequest request,
        string file,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            var picture = await pictures.ReadAsync(file, cancellationToken);
            return new FileContentResult(picture.Content, picture.ContentType);
        });
}
