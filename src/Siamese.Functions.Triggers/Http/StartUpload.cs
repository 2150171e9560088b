using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Siamese.Serving;
using Siamese.Serving.Contracts;
using Siamese.Serving.Uploads;

namespace Siamese.Functions.Triggers.Http;

/// <summary>
/// POST /api/uploads?name=x.zip[&amp;model=name][&amp;recipe=r][&amp;set=Section:Name=value...]: the zip (the raw body) goes
/// into raw/ for the pipeline, as `siamese upload` puts it there; 202 with its dataset id, to follow at /api/uploads/{id}.
/// </summary>
public sealed class StartUpload(UploadIntake intake, IOptions<ServingOptions> options)
{
    [Function(nameof(StartUpload))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "uploads")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            string model = RequestReader.Model(request);
            await using FileStream zip = await RequestReader.ReadBodyToFileAsync(request, options.Value.MaxUploadBytes, cancellationToken);
            UploadAccepted accepted = await intake.AcceptAsync(request.Query["name"], model, NullIfEmpty(request.Query["recipe"]),
                RequestReader.All(request, "set"), zip, cancellationToken);
            request.HttpContext.Response.Headers.Location = $"uploads/{accepted.DatasetId}?model={accepted.Model}";
            return TypedResults.Json(accepted, ApiJson.Default.UploadAccepted, statusCode: StatusCodes.Status202Accepted);
        });

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
