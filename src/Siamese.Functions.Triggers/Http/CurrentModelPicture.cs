using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Siamese.Model.Checkpoints;
using Siamese.Serving.Provider;

namespace Siamese.Functions.Triggers.Http;

/// <summary>
/// GET /api/models/current/{file}[?model=name]: curves.png or report.html of the model that answers comparisons for the name now.
/// </summary>
public sealed class CurrentModelPicture(ModelPictures pictures)
{
    [Function(nameof(CurrentModelPicture))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "models/current/{file}")] HttpRequest request,
        string file,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            CheckpointAttachment picture = await pictures.ReadAsync(RequestReader.Model(request), file, cancellationToken);
            return TypedResults.File(picture.Content, picture.ContentType);
        });
}
