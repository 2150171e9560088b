using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Siamese.Pipeline.Extensions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.AddPipelineServices();
builder.Build().Run();
