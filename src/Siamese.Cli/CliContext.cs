using System.CommandLine;
using Siamese.Cli.Api;
using Siamese.Cli.Connections;
using Siamese.DevStorage;
using Siamese.Model;
using Siamese.Storage;

namespace Siamese.Cli;

/// <summary>
/// What every command shares: its output, the storage account (--storage, else the Storage environment variable, else
/// the local stack the AppHost runs, <see cref="LocalStack"/>) and the functions app (see <see cref="FunctionsSetting"/>).
/// </summary>
public sealed class CliContext(TextWriter output, TextWriter error)
{
    public const string StorageVariable = "Storage";

    public static readonly Option<string?> StorageOption = new("--storage")
    {
        Description = "The storage account: a connection string, or its blob service URI (https://<account>.blob.core.windows.net) " +
                      $"used with your Azure sign-in (DefaultAzureCredential). Default: the {StorageVariable} environment variable, " +
                      "else the local stack that `dotnet run --project src/Siamese.AppHost` runs",
        Recursive = true,
    };

    public static readonly Option<string?> FunctionsOption = new("--functions")
    {
        Description = $"The functions app's URL. Default: the {FunctionsSetting.UrlVariable} environment variable, else the local " +
                      $"stack's, else {LocalStack.FunctionsUrl}",
        Recursive = true,
    };

    public static readonly Option<string?> KeyOption = new("--key")
    {
        Description = $"The functions app's function key, in Azure (default: the {FunctionsSetting.KeyVariable} environment variable)",
        Recursive = true,
    };

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public StorageServices Storage(ParseResult result) => new(StorageSetting.ToConfiguration(
        result.GetValue(StorageOption)
        ?? Environment.GetEnvironmentVariable(StorageVariable)
        ?? FromLocalStack(LocalStack.ReadStorage)
        ?? throw new InvalidInputException("storage.unknown",
            "No storage to talk to: start the local stack (dotnet run --project src/Siamese.AppHost) in this repository, or give " +
            $"--storage <connection string or blob service URI> (or the {StorageVariable} environment variable).")));

    public FunctionsClient Functions(ParseResult result) => new(
        FunctionsSetting.Url(result.GetValue(FunctionsOption), Environment.GetEnvironmentVariable(FunctionsSetting.UrlVariable),
            FromLocalStack(LocalStack.ReadFunctions)),
        result.GetValue(KeyOption) ?? Environment.GetEnvironmentVariable(FunctionsSetting.KeyVariable));

    private static string? FromLocalStack(Func<string, string?> read)
    {
        try
        {
            return read(LocalStack.DefaultLocation(Repository.Find(Directory.GetCurrentDirectory())));
        }
        catch (InvalidOperationException)
        {
            return null; // outside the repository: no local stack to find
        }
    }

    /// <summary>
    /// Runs a command body under the command lines' one policy (<see cref="CommandExit"/>): besides bad input, a request the
    /// API refused as bad and storage that cannot be reached or refuses the caller are exit code 2, the API's own failure 1.
    /// </summary>
    public Task<int> RunAsync(Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken) =>
        CommandExit.RunAsync(Error, body, Explain, cancellationToken);

    private static (string Message, int ExitCode)? Explain(Exception exception) => exception switch
    {
        ApiProblemException ex => ($"{ex.Code}: {ex.Detail} (HTTP {ex.Status})",
            ex.IsClientError ? CommandExit.InvalidInput : CommandExit.Failed),
        Azure.RequestFailedException ex when ex.Status == 0 || ex.InnerException is HttpRequestException =>
            ($"storage does not answer ({FirstLine(ex.Message)}); is the stack running?", CommandExit.InvalidInput),
        Azure.RequestFailedException ex when ex.Status is 401 or 403 =>
            ($"storage refused the request ({ex.Status} {ex.ErrorCode}): the signed-in identity needs a data role on the account " +
             "(Storage Blob Data Contributor), or give a connection string.", CommandExit.InvalidInput),
        Azure.Identity.AuthenticationFailedException ex =>
            ($"no Azure credential for the storage URI ({FirstLine(ex.Message)}); sign in (az login) or give a connection string.",
             CommandExit.InvalidInput),
        _ => null,
    };

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
