using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Siamese.Testing.Identity;

/// <summary>
/// A self-signed server certificate for 127.0.0.1, written as PEM files: Azurite serves HTTPS with it, and a child process
/// trusts it through SSL_CERT_FILE (which .NET reads on Linux as its trusted roots).
/// </summary>
public sealed class LoopbackCertificate
{
    private LoopbackCertificate(string certificatePemPath, string keyPemPath, X509Certificate2 certificate)
    {
        CertificatePemPath = certificatePemPath;
        KeyPemPath = keyPemPath;
        Certificate = certificate;
    }

    public string CertificatePemPath { get; }
    public string KeyPemPath { get; }
    public X509Certificate2 Certificate { get; }

    public static LoopbackCertificate CreateIn(string folder)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        X509Certificate2 certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        string certificatePath = Path.Combine(folder, "azurite-cert.pem");
        string keyPath = Path.Combine(folder, "azurite-key.pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return new LoopbackCertificate(certificatePath, keyPath, X509CertificateLoader.LoadCertificate(certificate.RawData));
    }

    /// <summary>An HTTP handler for this process that trusts exactly this certificate (and nothing else self-signed).</summary>
    public HttpMessageHandler TrustingHandler() => new SocketsHttpHandler
    {
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, presented, _, _) =>
                presented?.GetCertHashString() == Certificate.GetCertHashString(),
        },
    };
}
