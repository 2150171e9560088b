using System.Net.Http.Json;
using Siamese.Development;
using Siamese.Serving.Contracts;

namespace Siamese.Bench;

/// <summary>POST /api/compare with two images as a multipart form; anything but success is an exception.</summary>
internal static class CompareClient
{
    public static async Task<CompareResponse> PostAsync(HttpClient http, byte[] a, byte[] b)
    {
        using var form = CompareForms.Pair(a, b);
        using var response = await http.PostAsync("/api/compare", form);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<CompareResponse>())!;
    }
}
