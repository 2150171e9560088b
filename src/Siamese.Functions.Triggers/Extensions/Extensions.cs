using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Siamese.Functions.Triggers.Http;
using Siamese.Functions.Triggers.Pipeline;
using Siamese.Pipeline.Extensions;
using Siamese.Serving.Extensions;
using Siamese.Storage;

namespace Siamese.Functions.Triggers.Extensions;

public static class Extensions
{
    /// <summary>
    /// Every function class and the services under them; the isolated worker and the local host call this alike. The
    /// host's settings come from host.json (next to the app, overridden by AzureFunctionsJobHost__ app settings as in Azure),
    /// so the queue trigger's retry count is stated once.
    /// </summary>
    public static IHostApplicationBuilder AddFunctionClasses(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<QueueTriggerSettings>()
            .Bind(HostJson.Read(builder.Configuration).GetSection(QueueTriggerSettings.Section))
            .ValidateDataAnnotations().ValidateOnStart();

        builder.AddPipelineServices();
        builder.AddServingServices();
        builder.Services.AddHostedService<StorageInitializer>();

        builder.Services.AddTransient<PrepareDataset>();
        builder.Services.AddTransient<BuildPairs>();
        builder.Services.AddTransient<ReconcileUploads>();
        builder.Services.AddTransient<Compare>();
        builder.Services.AddTransient<CompareBatch>();
        builder.Services.AddTransient<AddIdentityImage>();
        builder.Services.AddTransient<GetGallery>();
        builder.Services.AddTransient<DeleteGallery>();
        builder.Services.AddTransient<ListIdentities>();
        builder.Services.AddTransient<GetIdentity>();
        builder.Services.AddTransient<SetIdentityData>();
        builder.Services.AddTransient<DeleteIdentity>();
        builder.Services.AddTransient<DeleteIdentityImage>();
        builder.Services.AddTransient<VerifyIdentity>();
        builder.Services.AddTransient<IdentifyInGallery>();
        builder.Services.AddTransient<FindSimilar>();
        builder.Services.AddTransient<GroupImages>();
        builder.Services.AddTransient<CurrentModel>();
        builder.Services.AddTransient<ModelList>();
        builder.Services.AddTransient<CurrentModelPicture>();
        builder.Services.AddTransient<PromoteModel>();
        builder.Services.AddTransient<RollBackModel>();
        builder.Services.AddTransient<ModelDecisionList>();
        builder.Services.AddTransient<PreviewImage>();
        builder.Services.AddTransient<GetIdentityImage>();
        builder.Services.AddTransient<ListRecipes>();
        builder.Services.AddTransient<StartUpload>();
        builder.Services.AddTransient<UploadProgress>();
        builder.Services.AddTransient<StudioPage>();
        return builder;
    }
}
