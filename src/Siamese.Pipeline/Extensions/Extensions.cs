using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Siamese.Model.Recipes;
using Siamese.Pipeline.Datasets;
using Siamese.Pipeline.Delivery;
using Siamese.Pipeline.Recipes;
using Siamese.Pipeline.Uploads;
using Siamese.Storage.Extensions;

namespace Siamese.Pipeline.Extensions;

public static class Extensions
{
    /// <summary>
    /// Dataset preparation over the shared storage, and the reconciler that finds uploads nobody prepared: the services the
    /// pipeline's function classes call.
    /// </summary>
    public static IHostApplicationBuilder AddPipelineServices(this IHostApplicationBuilder builder)
    {
        builder.AddStorage();
        builder.Services.AddOptions<PreparationOptions>()
            .BindConfiguration("Preparation")
            .ValidateDataAnnotations()
            .Validate(o => IsValid(o.Limits) && IsValid(o.Pairs) && IsValid(o.Jitter),
                "A value in Preparation:Limits, Preparation:Pairs or Preparation:Jitter is out of range.")
            .ValidateOnStart();

        builder.Services.AddSingleton<ZipInspector>();
        builder.Services.AddSingleton<UploadProfiler>();
        builder.Services.AddSingleton(services => CreateRecipeChooser(
            services.GetRequiredService<IOptions<PreparationOptions>>().Value, builder.Configuration));
        builder.Services.AddSingleton<DatasetPreparer>();
        builder.Services.AddSingleton<DeliveryProbes>();
        builder.Services.AddSingleton<ChunkBuilder>();

        builder.Services.AddOptions<ReconcileOptions>()
            .BindConfiguration(ReconcileOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<UploadReconciler>();

        return builder;
    }

    /// <summary>
    /// The deployment's recipe (none: each upload's images choose) with the overrides under Preparation:RecipeOverrides
    /// (checked now, so a bad setting stops the host).
    /// </summary>
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
