using System.ComponentModel.DataAnnotations;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Siamese.Model.Recipes;
using Polly;
using Siamese.Pipeline.Datasets;
using Siamese.Pipeline.Functions;
using Siamese.Pipeline.Models;
using Siamese.Pipeline.Preparation;
using Siamese.Pipeline.Storage;

namespace Siamese.Pipeline.Extensions;

public static class Extensions
{
    /// <summary>Everything the function classes need; used by the isolated worker and the local host alike.</summary>
    public static IHostApplicationBuilder AddPipelineServices(this IHostApplicationBuilder builder)
    {
        builder.AddPipelineStorage();
        builder.Services.AddOptions<PreparationOptions>()
            .BindConfiguration("Preparation")
            .ValidateDataAnnotations()
            .Validate(o => IsValid(o.Limits) && IsValid(o.Pairs) && IsValid(o.Jitter),
                "A value in Preparation:Limits, Preparation:Pairs or Preparation:Jitter is out of range.")
            .ValidateOnStart();

        builder.Services.AddSingleton<ZipInspector>();
        builder.Services.AddSingleton(services => CreateRecipeChooser(services.GetRequiredService<IOptions<PreparationOptions>>().Value, builder.Configuration));
        builder.Services.AddSingleton<DatasetPreparer>();
        builder.Services.AddSingleton<ChunkBuilder>();

        builder.Services.AddHostedService<StorageInitializer>();

        builder.Services.AddTransient<PrepareDataset>();
        builder.Services.AddTransient<BuildPairs>();
        return builder;
    }

    /// <summary>The storage clients (one connection, "Storage"), the resilience pipeline and the document helpers.</summary>
    public static IHostApplicationBuilder AddPipelineStorage(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(service => service.ServiceType == typeof(BlobDocuments))) return builder; // added once per host
        // One connection name for blobs and queues: a connection string locally, service URIs and a managed identity in Azure.
        var connection = builder.Configuration.GetSection(StorageNames.Connection);
        builder.Services.AddAzureClients(clients =>
        {
            clients.AddBlobServiceClient(connection);
            clients.AddQueueServiceClient(connection).ConfigureOptions(o => o.MessageEncoding = QueueMessageEncoding.Base64);
            clients.UseCredential(new DefaultAzureCredential());
        });
        builder.Services.AddResiliencePipeline(StorageResilience.PipelineName, pipeline => StorageResilience.Configure(pipeline));
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.Services.AddSingleton<BlobDocuments>();
        builder.Services.AddSingleton<PipelineQueues>();
        builder.Services.AddSingleton<DatasetReader>();
        builder.Services.AddSingleton<DatasetStatusStore>();
        builder.Services.AddSingleton<ModelStore>();
        builder.Services.AddSingleton<ServedModels>();
        return builder;
    }

    /// <summary>The deployment's default recipe with the overrides under Preparation:RecipeOverrides (checked now, so a bad setting stops the host).</summary>
    private static RecipeChooser CreateRecipeChooser(PreparationOptions options, IConfiguration configuration)
    {
        var overrides = configuration.GetSection("Preparation:RecipeOverrides").AsEnumerable(makePathsRelative: true)
            .Where(setting => setting.Value is not null)
            .ToDictionary(setting => setting.Key, setting => setting.Value!);
        TrainingRecipes.Resolve(options.Recipe, overrides.Select(o => KeyValuePair.Create(o.Key, (string?)o.Value)));
        return new RecipeChooser(options.Recipe, overrides);
    }

    private static bool IsValid(object options) =>
        Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true);
}
