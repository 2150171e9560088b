using Siamese.DevStorage;

namespace Siamese.Testing.Identity;

/// <summary>
/// Storage as an identity meets it in Azure: Azurite over HTTPS (a loopback certificate of its own) that checks OAuth
/// bearer tokens, and a managed-identity endpoint that issues them to the processes given <see cref="ProcessEnvironment"/>.
/// </summary>
public sealed class IdentityStorage : IAsyncDisposable
{
    private readonly TempDirectory folder;

    private IdentityStorage(TempDirectory folder, LoopbackCertificate certificate, Azurite azurite, ManagedIdentityEndpoint identity)
    {
        this.folder = folder;
        Certificate = certificate;
        Azurite = azurite;
        Identity = identity;
    }

    public LoopbackCertificate Certificate { get; }

    public Azurite Azurite { get; }

    public ManagedIdentityEndpoint Identity { get; }

    /// <summary>What the platform gives a process: its identity's token endpoint; and trust in Azurite's certificate.</summary>
    public IEnumerable<KeyValuePair<string, string?>> ProcessEnvironment =>
    [
        .. Identity.Environment.Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value)),
        KeyValuePair.Create("SSL_CERT_FILE", (string?)Certificate.CertificatePemPath),
    ];

    /// <param name="clientId">The client id of the identity the endpoint issues tokens for.</param>
    public static async Task<IdentityStorage> StartAsync(string clientId)
    {
        var folder = new TempDirectory();
        LoopbackCertificate certificate = LoopbackCertificate.CreateIn(folder.Path);
        Azurite azurite = await Azurite.StartNewAsync(new AzuriteOAuth(certificate.CertificatePemPath, certificate.KeyPemPath));
        return new IdentityStorage(folder, certificate, azurite, new ManagedIdentityEndpoint(clientId));
    }

    public async ValueTask DisposeAsync()
    {
        await Identity.DisposeAsync();
        await Azurite.DisposeAsync();
        folder.Dispose();
    }
}
