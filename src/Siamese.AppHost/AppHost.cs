using Siamese.AppHost;
using Siamese.AppHost.Commands;

var builder = DistributedApplication.CreateBuilder(args);

var storage = builder.AddAzurite("azurite");

var functions = builder.AddFunctions("functions", storage)
    .WithStudioLink()
    .WithServedModelLinks()
    .WithDashboardCommands(storage);

builder.AddProject<Projects.Siamese_Trainer>("trainer")
    .WithArgs("watch")
    .WithStorage(storage)
    .WaitFor(functions);

builder.Build().Run();
