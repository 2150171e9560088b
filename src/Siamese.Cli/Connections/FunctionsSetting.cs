using Siamese.DevStorage;
using Siamese.Model;

namespace Siamese.Cli.Connections;

/// <summary>
/// The functions app to call: --functions, else the <see cref="UrlVariable"/> environment variable, else the URL the
/// local stack recorded in stack.json, else the local functions host's own address; and its function key (Azure only):
/// --key, else <see cref="KeyVariable"/>.
/// </summary>
public static class FunctionsSetting
{
    public const string UrlVariable = "SIAMESE_FUNCTIONS";

    public const string KeyVariable = "SIAMESE_FUNCTIONS_KEY";

    public static Uri Url(string? option, string? environment, string? localStack)
    {
        string value = option ?? environment ?? localStack ?? LocalStack.FunctionsUrl;
        return Uri.TryCreate(value, UriKind.Absolute, out Uri? url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new InvalidInputException("functions.url",
                $"'{value}' is not an http(s) URL of the functions app (--functions or {UrlVariable}), " +
                "e.g. https://<app>.azurewebsites.net.");
    }
}
