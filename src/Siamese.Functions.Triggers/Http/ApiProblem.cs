using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Siamese.Model;
using Siamese.Serving;

namespace Siamese.Functions.Triggers.Http;

/// <summary>A request refused for its form rather than its content (too large, wrong media type), with its HTTP status.</summary>
public sealed class RequestProblemException(int status, string code, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
}

/// <summary>
/// Turns refused requests into RFC 9457 problem details with a stable "code": input that names nothing (404), input at
/// odds with what is stored (409), input the product cannot use (400), a request of the wrong size or form (413, 415).
/// Anything else stays an exception (a real 500).
/// </summary>
public static class ApiProblem
{
    public static async Task<IResult> HandleAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (RequestProblemException ex)
        {
            return Problem(ex.Status, ex.Code, ex.Message);
        }
        catch (ConflictingInputException ex)
        {
            return Problem(StatusCodes.Status409Conflict, ex.Code, ex.Message);
        }
        catch (MissingInputException ex)
        {
            return Problem(StatusCodes.Status404NotFound, ex.Code, ex.Message);
        }
        catch (InvalidInputException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, ex.Code, ex.Message);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "request.too-large", "The request body is larger than the limit.");
        }
    }

    public static ProblemHttpResult Problem(int status, string code, string detail) => TypedResults.Problem(
        detail: detail,
        statusCode: status,
        title: status switch
        {
            StatusCodes.Status404NotFound => "Not found",
            StatusCodes.Status409Conflict => "Conflict",
            StatusCodes.Status413PayloadTooLarge => "Request too large",
            StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
            _ => "Bad request",
        },
        type: $"https://httpstatuses.io/{status}",
        extensions: new Dictionary<string, object?> { ["code"] = code });
}
