using System.Globalization;
using Siamese.Storage.Promotion;

namespace Siamese.Cli.Api;

/// <summary>The query of an API request: the model name (left out for `default`, which the API assumes) and the rest.</summary>
internal static class QueryString
{
    public static string Of(string model, params (string Name, string? Value)[] parameters)
    {
        IEnumerable<(string Name, string? Value)> all = ModelName.IsDefault(model) ? parameters : [("model", model), .. parameters];
        string query = string.Join('&', all.Where(p => p.Value is not null)
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
        return query.Length == 0 ? "" : "?" + query;
    }

    public static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    public static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}
