using Microsoft.Extensions.Hosting;
using Siamese.Functions;

FunctionsWorkerHost.Create(args).Run();
