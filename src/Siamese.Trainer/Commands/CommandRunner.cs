using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Siamese.Model;
using Siamese.Trainer.Extensions;

namespace Siamese.Trainer.Commands;

/// <summary>
/// Runs a command body inside a host whose configuration is appsettings.json, then environment variables
/// (e.g. Training__Epochs), then the caller's settings, then the options given on the command line; a setting none of them
/// gives keeps its options class's initial value. Failures end as <see cref="CommandExit"/> says; an invalid option is bad
/// input.
/// </summary>
internal static class CommandRunner
{
    /// <summary>Runs a command that takes no settings from the command line.</summary>
    public static Task<int> RunAsync(CommandContext context, Func<IServiceProvider, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken) =>
        RunAsync(context, new Dictionary<string, string?>(), body, cancellationToken);

    public static Task<int> RunAsync(CommandContext context, IReadOnlyDictionary<string, string?> overrides,
        Func<IServiceProvider, CancellationToken, Task<int>> body, CancellationToken cancellationToken) =>
        CommandExit.RunAsync(context.Error, async ct =>
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                Args = [],
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.Configuration.AddInMemoryCollection(context.Settings);
            builder.Configuration.AddInMemoryCollection(overrides);
            builder.AddTrainerServices();
            using IHost host = builder.Build();
            return await body(host.Services, ct);
        }, Explain, cancellationToken);

    private static (string Message, int ExitCode)? Explain(Exception exception) => exception is OptionsValidationException ex
        ? ($"invalid option: {string.Join("; ", ex.Failures)}", CommandExit.InvalidInput)
        : null;
}
