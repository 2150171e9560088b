using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Siamese.Serving.Comparison;
using Siamese.Serving.Galleries;
using Siamese.Serving.Provider;
using Siamese.Serving.Uploads;
using Siamese.Storage.Extensions;

namespace Siamese.Serving.Extensions;

public static class Extensions
{
    /// <summary>What the HTTP API stands on: the served model, embeddings, galleries, promotion by an operator, uploads.</summary>
    public static IHostApplicationBuilder AddServingServices(this IHostApplicationBuilder builder)
    {
        builder.AddStorage();
        builder.Services.AddOptions<ServingOptions>().BindConfiguration("Serving").ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddSingleton<PrecisionChoice>();
        builder.Services.AddSingleton<ModelProvider>();
        builder.Services.AddSingleton<EmbeddingCache>();
        builder.Services.AddSingleton<Embedder>();
        builder.Services.AddSingleton<CompareService>();
        builder.AddGalleryStore();
        builder.Services.AddSingleton<GalleryOpener>();
        builder.Services.AddSingleton<GalleryCatalog>();
        builder.Services.AddSingleton<GallerySearch>();
        builder.Services.AddSingleton<ImageGrouping>();
        builder.Services.AddSingleton<ModelPictures>();
        builder.Services.AddSingleton<ModelAdministration>();
        builder.Services.AddSingleton<ModelCatalog>();
        builder.Services.AddSingleton<ModelInputPreview>();
        builder.Services.AddSingleton<UploadIntake>();
        builder.Services.AddSingleton<UploadProgressReader>();
        builder.Services.AddSingleton<ModelWarmUp>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ModelWarmUp>());
        return builder;
    }
}
