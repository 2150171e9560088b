using Siamese.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

var storage = builder.AddAzurite("azurite");

var functions = builder.AddFunctions("functions", storage)
    .WithServedModelLinks();

builder.AddProject<Projects.Siamese_Trainer>("trainer")
    .WithArgs("watch")
    .WithStorage(storage)
    .WaitFor(functions);

builder.Build().Run();
