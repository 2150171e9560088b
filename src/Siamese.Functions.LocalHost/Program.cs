using Siamese.Functions.LocalHost.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddLocalFunctionsHost();

var app = builder.Build();
app.MapLocalFunctionsEndpoints();
app.Run();
