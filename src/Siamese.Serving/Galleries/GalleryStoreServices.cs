using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Siamese.Storage;
using Siamese.Storage.Extensions;

namespace Siamese.Serving.Galleries;

public static class GalleryStoreServices
{
    /// <summary>The galleries' storage layer: <see cref="GalleryLog"/> and <see cref="GalleryIndexCache"/>, singletons,
    /// with their options bound from "Galleries:Log" and "Galleries:Index".</summary>
    public static IHostApplicationBuilder AddGalleryStore(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(service => service.ServiceType == typeof(GalleryLog))) return builder; // added once per host
        builder.AddStorage();
        builder.Services.AddOptions<GalleryLogOptions>().BindConfiguration(GalleryLogOptions.Section).ValidateDataAnnotations();
        builder.Services.AddOptions<GalleryIndexOptions>().BindConfiguration(GalleryIndexOptions.Section).ValidateDataAnnotations();
        builder.Services.AddSingleton(services => new GalleryLog(
            services.GetRequiredService<BlobServiceClient>(),
            services.GetRequiredService<ResilientStorage>(),
            services.GetRequiredService<IOptions<GalleryLogOptions>>(),
            services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(services => new GalleryIndexCache(
            services.GetRequiredService<GalleryLog>(), services.GetRequiredService<IOptions<GalleryIndexOptions>>()));
        return builder;
    }
}
