using System.CommandLine;
using Azure.Storage.Blobs;
using Siamese.DevStorage;
using Siamese.Model;

namespace Siamese.Cli;

/// <summary>
/// What every command shares: its output and the storage account to talk to: --storage (a connection string), else the
/// Storage environment variable, else the local stack the AppHost runs (<see cref="LocalStack"/>).
/// </summary>
public sealed class CliContext(TextWriter output, TextWriter error)
{
    public static readonly Option<string?> StorageOption = new("--storage")
    {
        Description = "The storage account's connection string (default: the Storage environment variable, else the local " +
                      "stack that `dotnet run --project src/Siamese.AppHost` runs)",
        Recursive = true,
    };

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public BlobServiceClient Blobs(ParseResult result) => new(StorageConnection(result));

    private static string StorageConnection(ParseResult result) =>
        result.GetValue(StorageOption)
        ?? Environment.GetEnvironmentVariable("Storage")
        ?? LocalStackStorage()
        ?? throw new InvalidInputException("storage.unknown",
            "No storage to talk to: start the local stack (dotnet run --project src/Siamese.AppHost) in this repository, or give " +
            "--storage <connection string> (or the Storage environment variable).");

    private static string? LocalStackStorage()
    {
        try
        {
            return LocalStack.ReadStorage(LocalStack.DefaultLocation(Repository.Find(Directory.GetCurrentDirectory())));
        }
        catch (InvalidOperationException)
        {
            return null; // outside the repository: no local stack to find
        }
    }

    /// <summary>Runs a command body: bad input ends as one line on standard error and exit code 2, Ctrl+C as 130.</summary>
    public async Task<int> RunAsync(Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body(cancellationToken);
        }
        catch (InvalidInputException ex)
        {
            await Error.WriteLineAsync($"error: {ex.Message}");
            return CliCommandLine.InvalidInput;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 0 || ex.InnerException is HttpRequestException)
        {
            await Error.WriteLineAsync($"error: storage does not answer ({ex.Message.Split('\n')[0]}); is the stack running?");
            return CliCommandLine.InvalidInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Error.WriteLineAsync("cancelled");
            return 130;
        }
    }
}
