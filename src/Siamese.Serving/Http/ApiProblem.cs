using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Siamese.Model;

namespace Siamese.Serving.Http;

/// <summary>A request the API refuses, with its HTTP status and a stable code for the problem-details body.</summary>
public sealed class ApiProblemException(int status, string code, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
}

/// <summary>Turns refused requests into RFC 9457 problem details; anything else stays an exception (a real 500).</summary>
public static class ApiProblem
{
    public static async Task<IActionResult> HandleAsync(Func<Task<IActionResult>> action)
    {
        try
        {
            return await action();
        }
        catch (ApiProblemException ex)
        {
            return Result(ex.Status, ex.Code, ex.Message);
        }
        catch (InvalidInputException ex)
        {
            return Result(ex.Code.EndsWith(".not-found", StringComparison.Ordinal) ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest, ex.Code, ex.Message);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Result(StatusCodes.Status413PayloadTooLarge, "request.too-large", "The request body is larger than the limit.");
        }
    }

    public static ObjectResult Result(int status, string code, string detail)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = status switch
            {
                StatusCodes.Status404NotFound => "Not found",
                StatusCodes.Status413PayloadTooLarge => "Request too large",
                StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
                _ => "Bad request",
            },
            Detail = detail,
            Type = $"https://httpstatuses.io/{status}",
        };
        problem.Extensions["code"] = code;
        var result = new ObjectResult(problem) { StatusCode = status };
        result.ContentTypes.Add("application/problem+json");
        return result;
    }
}
