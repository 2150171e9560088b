namespace Siamese.DevStorage;

/// <summary>
/// Where an Azurite listens (blob, queue and table on loopback ports) and how to reach it: its command line and the
/// connection string of its well-known development account.
/// </summary>
public sealed record AzuriteEndpoints(int BlobPort, int QueuePort, int TablePort)
{
    /// <summary>Azurite's well-known development account; public and documented, not a secret.</summary>
    public const string Account = "devstoreaccount1";

    /// <summary>The key of <see cref="Account"/>; public and documented, not a secret.</summary>
    public const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>127.0.0.1, not localhost: with localhost the Azure SDK does not recognise the emulator's URL form.</summary>
    public const string Host = "127.0.0.1";

    /// <summary>HTTPS with this certificate and OAuth bearer tokens accepted, as an Azure storage account by identity.</summary>
    public AzuriteOAuth? OAuth { get; init; }

    /// <summary>Three ports that are free now.</summary>
    public static AzuriteEndpoints OnFreePorts(AzuriteOAuth? oauth = null) =>
        new(LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free()) { OAuth = oauth };

    private string Scheme => OAuth is null ? "http" : "https";

    public Uri BlobServiceUri => new($"{Scheme}://{Host}:{BlobPort}/{Account}");

    public Uri QueueServiceUri => new($"{Scheme}://{Host}:{QueuePort}/{Account}");

    public string ConnectionString =>
        $"DefaultEndpointsProtocol={Scheme};AccountName={Account};AccountKey={Key};" +
        $"BlobEndpoint={BlobServiceUri};" +
        $"QueueEndpoint={QueueServiceUri};" +
        $"TableEndpoint={Scheme}://{Host}:{TablePort}/{Account};";

    /// <summary>node's arguments: the entry script, then Azurite's options for these ports and a data folder.</summary>
    public IReadOnlyList<string> NodeArguments(string entryScript, string location) =>
    [
        entryScript, "--silent", "--skipApiVersionCheck", "--loose", "--location", location,
        "--blobHost", Host, "--blobPort", $"{BlobPort}",
        "--queueHost", Host, "--queuePort", $"{QueuePort}",
        "--tableHost", Host, "--tablePort", $"{TablePort}",
        .. OAuth is null ? [] : (string[])["--oauth", "basic", "--cert", OAuth.CertificatePemPath, "--key", OAuth.KeyPemPath],
    ];

}
