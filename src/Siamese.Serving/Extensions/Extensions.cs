using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Siamese.Pipeline.Extensions;
using Siamese.Serving.Comparison;
using Siamese.Serving.Functions;
using Siamese.Serving.Galleries;
using Siamese.Serving.Models;

namespace Siamese.Serving.Extensions;

public static class Extensions
{
    /// <summary>The compare API's services and function classes; used by the isolated worker and the local host alike.</summary>
    public static IHostApplicationBuilder AddServingServices(this IHostApplicationBuilder builder)
    {
        builder.AddPipelineStorage();
        builder.Services.AddOptions<ServingOptions>().BindConfiguration("Serving").ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddSingleton<ModelProvider>();
        builder.Services.AddSingleton<EmbeddingCache>();
        builder.Services.AddSingleton<Embedder>();
        builder.Services.AddSingleton<CompareService>();
        builder.Services.AddSingleton<GalleryService>();
        builder.Services.AddSingleton<ModelPictures>();
        builder.Services.AddSingleton<ModelAdministration>();

        builder.Services.AddTransient<Compare>();
        builder.Services.AddTransient<CompareBatch>();
        builder.Services.AddTransient<EnrolGalleryItem>();
        builder.Services.AddTransient<IdentifyInGallery>();
        builder.Services.AddTransient<CurrentModel>();
        builder.Services.AddTransient<CurrentModelPicture>();
        builder.Services.AddTransient<PromoteModel>();
        builder.Services.AddTransient<RollBackModel>();
        return builder;
    }
}
