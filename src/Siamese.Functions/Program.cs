using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Siamese.Pipeline.Extensions;
using Siamese.Serving.Extensions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddServiceDefaults();
builder.AddPipelineServices();
builder.AddServingServices();
builder.Build().Run();
