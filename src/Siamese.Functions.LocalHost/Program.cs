using Siamese.Functions.LocalHost;

LocalFunctionsHost.Create(args).Run();
