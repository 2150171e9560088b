namespace Siamese.DevStorage;

/// <summary>
/// Azurite over HTTPS with OAuth (--oauth basic): bearer tokens are checked for issuer, audience and lifetime (not for
/// their signature), so hosts configured with service URIs and a token credential, as in Azure, can run against it.
/// </summary>
/// <param name="CertificatePemPath">The server certificate (PEM) for 127.0.0.1.</param>
/// <param name="KeyPemPath">Its private key (PEM).</param>
public sealed record AzuriteOAuth(string CertificatePemPath, string KeyPemPath);
