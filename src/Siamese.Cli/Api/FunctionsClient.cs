using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Siamese.Cli.Connections;
using Siamese.Model;
using Siamese.Serving.Contracts;

namespace Siamese.Cli.Api;

/// <summary>
/// The HTTP API of the functions app (docs/api.md), with its function key in the x-functions-key header when one is
/// given. Refusals become <see cref="ApiProblemException"/>; an app that does not answer, bad input. Every request names
/// its model name with ?model= (none for `default`), as the API reads it.
/// </summary>
public sealed partial class FunctionsClient(HttpMessageHandler handler, Uri baseUrl, string? functionKey) : IDisposable
{
    private readonly HttpClient http = Create(handler, baseUrl, functionKey);

    public FunctionsClient(Uri baseUrl, string? functionKey) : this(new HttpClientHandler(), baseUrl, functionKey)
    {
    }

    public Task<CompareResponse> CompareAsync(string model, ImageFile image1, ImageFile image2, double? threshold,
        CancellationToken cancellationToken)
    {
        string query = QueryString.Of(model, ("threshold", QueryString.Number(threshold)));
        var form = new MultipartFormDataContent
        {
            { image1.Content(), "image1", image1.Name }, { image2.Content(), "image2", image2.Name },
        };
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/compare" + query) { Content = form },
            ApiJson.Default.CompareResponse, cancellationToken);
    }

    public void Dispose() => http.Dispose();

    private async Task<T> SendAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendAsync(request, cancellationToken);
        await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(body, type, cancellationToken)
               ?? throw new InvalidDataException($"{request.RequestUri} answered with an empty body.");
    }

    /// <summary>The successful response (the caller disposes it); a refusal becomes its problem.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                throw Unreachable(ex.Message);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw Unreachable($"no answer within {http.Timeout.TotalSeconds:N0} s");
            }
            if (response.IsSuccessStatusCode) return response;
            using (response) throw await ProblemAsync(response, cancellationToken);
        }
    }

    /// <summary>The problem details' code and detail (docs/api.md), else the status and as much as can be said of it.</summary>
    private static async Task<ApiProblemException> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        int status = (int)response.StatusCode;
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using JsonDocument problem = JsonDocument.Parse(body);
            if (problem.RootElement.TryGetProperty("code", out JsonElement code) && code.ValueKind == JsonValueKind.String)
                return new ApiProblemException(status, code.GetString()!,
                    problem.RootElement.TryGetProperty("detail", out JsonElement detail) ? detail.ToString() : response.ReasonPhrase ?? "");
        }
        catch (JsonException)
        {
            // not problem details: a gateway's or the Functions host's own answer
        }
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new ApiProblemException(status, "functions.key",
                $"the functions app refused the request ({status}): give its function key with --key or {FunctionsSetting.KeyVariable}."),
            _ => new ApiProblemException(status, $"http.{status}",
                $"{response.ReasonPhrase}{(body.Length == 0 ? "" : ": " + body[..Math.Min(body.Length, 300)])}"),
        };
    }

    private InvalidInputException Unreachable(string why) => new("functions.unreachable",
        $"the functions app at {http.BaseAddress} does not answer ({why}); is the stack running? " +
        $"Give its URL with --functions or {FunctionsSetting.UrlVariable}.");

    private static HttpClient Create(HttpMessageHandler handler, Uri baseUrl, string? functionKey)
    {
        // A trailing slash, so relative routes append to a base URL with a path (a proxy's prefix) instead of replacing it.
        var http = new HttpClient(handler)
        {
            BaseAddress = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/"),
            Timeout = TimeSpan.FromMinutes(2),
        };
        if (!string.IsNullOrEmpty(functionKey)) http.DefaultRequestHeaders.Add("x-functions-key", functionKey);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return http;
    }
}
