using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Siamese.DevStorage;

namespace Siamese.Testing.Identity;

/// <summary>
/// The managed-identity token endpoint that App Service, Azure Functions and Container Apps give a process
/// (IDENTITY_ENDPOINT and IDENTITY_HEADER): a child process with <see cref="Environment"/> gets its tokens here through
/// Azure.Identity's ManagedIdentityCredential, unchanged. Tokens are issued only for a known client id and the right header.
/// </summary>
public sealed class ManagedIdentityEndpoint : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly string secret = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, int> issued = new();
    private readonly Task serving;

    public ManagedIdentityEndpoint(string clientId)
    {
        ClientId = clientId;
        Uri = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}/msi/token/");
        listener.Prefixes.Add(Uri.ToString());
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public string ClientId { get; }
    public Uri Uri { get; }

    /// <summary>Tokens issued so far, by resource asked for.</summary>
    public IReadOnlyDictionary<string, int> Issued => issued;

    /// <summary>The variables the platform sets for a process with a managed identity.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["IDENTITY_ENDPOINT"] = Uri.ToString(),
        ["IDENTITY_HEADER"] = secret,
    };

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException) { return; }
            using HttpListenerResponse response = context.Response;
            string? resource = context.Request.QueryString["resource"];
            if (context.Request.Headers["X-IDENTITY-HEADER"] != secret || resource is null
                || context.Request.QueryString["client_id"] is { } asked && asked != ClientId)
            {
                response.StatusCode = 400;
                continue;
            }
            string scope = resource.TrimEnd('/');
            issued.AddOrUpdate(scope, 1, (_, count) => count + 1);
            var lifetime = TimeSpan.FromHours(1);
            var body = new JsonObject
            {
                ["access_token"] = StorageTokens.Create(ClientId, lifetime, scope),
                ["expires_on"] = DateTimeOffset.UtcNow.Add(lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                ["resource"] = resource,
                ["token_type"] = "Bearer",
                ["client_id"] = ClientId,
            };
            response.ContentType = "application/json";
            await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(body.ToJsonString()));
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await serving;
    }

}
