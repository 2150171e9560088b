using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;

namespace Siamese.Testing.Identity;

/// <summary>
/// Bearer tokens of the form Microsoft Entra ID issues for Azure Storage (issuer, audience, lifetime, the identity's ids),
/// unsigned: Azurite's --oauth basic checks everything but the signature.
/// </summary>
public static class StorageTokens
{
    public const string Audience = "https://storage.azure.com";
    public const string TenantId = "72f988bf-0000-0000-0000-000000000001";

    public static string Create(string clientId, TimeSpan lifetime, string audience = Audience)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" };
        var claims = new JsonObject
        {
            ["aud"] = audience,
            ["iss"] = $"https://sts.windows.net/{TenantId}/",
            ["iat"] = now - 60,
            ["nbf"] = now - 60,
            ["exp"] = now + (long)lifetime.TotalSeconds,
            ["appid"] = clientId,
            ["oid"] = clientId,
            ["tid"] = TenantId,
        };
        return $"{Encode(header)}.{Encode(claims)}.{Base64Url.EncodeToString("unsigned"u8)}";
    }

    private static string Encode(JsonNode node) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(node.ToJsonString()));
}
