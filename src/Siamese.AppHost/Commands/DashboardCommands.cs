using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Siamese.DevStorage;

namespace Siamese.AppHost.Commands;

public static class DashboardCommands
{
    /// <summary>
    /// The common actions as dashboard commands on the functions: upload the sample zip, open the served model's report,
    /// promote a run, roll back. They use the product's own storage code on the AppHost's Azurite.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDashboardCommands(this IResourceBuilder<ProjectResource> functions,
        AzuriteStorage storage)
    {
        functions.ApplicationBuilder.Services.AddSingleton(services =>
            new ProductStorage(storage.ConnectionString, services.GetRequiredService<ILoggerFactory>()));
        return functions
            .WithUploadSampleCommand(Repository.Find(functions.ApplicationBuilder.AppHostDirectory))
            .WithServedModelReportCommand()
            .WithPromoteRunCommand()
            .WithRollBackCommand();
    }
}
