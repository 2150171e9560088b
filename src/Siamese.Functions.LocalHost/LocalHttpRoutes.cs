using Siamese.Functions.Triggers.Http;
using Siamese.Serving.Provider;

namespace Siamese.Functions.LocalHost;

/// <summary>
/// The HTTP functions on the same routes as the Functions host (/api/...), each a one-line call into the class the
/// worker runs. Function and admin keys (AuthorizationLevel.Function, .Admin) are enforced only by the real Functions
/// host: this host is for development and listens on loopback.
/// </summary>
public static class LocalHttpRoutes
{
    public static IEndpointRouteBuilder MapFunctionRoutes(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/compare", (HttpContext c, CancellationToken ct) => Function<Compare>(c).Run(c.Request, ct));
        app.MapPost("/api/compare/batch", (HttpContext c, CancellationToken ct) => Function<CompareBatch>(c).Run(c.Request, ct));
        app.MapPost("/api/galleries/{name}/identities/{label}/images", (HttpContext c, string name, string label, CancellationToken ct) =>
            Function<AddIdentityImage>(c).Run(c.Request, name, label, ct));
        app.MapGet("/api/galleries/{name}",
            (HttpContext c, string name, CancellationToken ct) => Function<GetGallery>(c).Run(c.Request, name, ct));
        app.MapDelete("/api/galleries/{name}",
            (HttpContext c, string name, CancellationToken ct) => Function<DeleteGallery>(c).Run(c.Request, name, ct));
        app.MapGet("/api/galleries/{name}/identities",
            (HttpContext c, string name, CancellationToken ct) => Function<ListIdentities>(c).Run(c.Request, name, ct));
        app.MapGet("/api/galleries/{name}/identities/{label}", (HttpContext c, string name, string label, CancellationToken ct) =>
            Function<GetIdentity>(c).Run(c.Request, name, label, ct));
        app.MapPut("/api/galleries/{name}/identities/{label}", (HttpContext c, string name, string label, CancellationToken ct) =>
            Function<SetIdentityData>(c).Run(c.Request, name, label, ct));
        app.MapDelete("/api/galleries/{name}/identities/{label}", (HttpContext c, string name, string label, CancellationToken ct) =>
            Function<DeleteIdentity>(c).Run(c.Request, name, label, ct));
        app.MapDelete("/api/galleries/{name}/identities/{label}/images/{imageId}",
            (HttpContext c, string name, string label, string imageId, CancellationToken ct) =>
                Function<DeleteIdentityImage>(c).Run(c.Request, name, label, imageId, ct));
        app.MapPost("/api/galleries/{name}/identities/{label}/verify", (HttpContext c, string name, string label, CancellationToken ct) =>
            Function<VerifyIdentity>(c).Run(c.Request, name, label, ct));
        app.MapPost("/api/galleries/{name}/identify",
            (HttpContext c, string name, CancellationToken ct) => Function<IdentifyInGallery>(c).Run(c.Request, name, ct));
        app.MapPost("/api/galleries/{name}/similar",
            (HttpContext c, string name, CancellationToken ct) => Function<FindSimilar>(c).Run(c.Request, name, ct));
        app.MapGet("/api/galleries/{name}/identities/{label}/images/{imageId}",
            (HttpContext c, string name, string label, string imageId, CancellationToken ct) =>
                Function<GetIdentityImage>(c).Run(c.Request, name, label, imageId, ct));
        app.MapPost("/api/preview", (HttpContext c, CancellationToken ct) => Function<PreviewImage>(c).Run(c.Request, ct));
        app.MapPost("/api/group", (HttpContext c, CancellationToken ct) => Function<GroupImages>(c).Run(c.Request, ct));
        app.MapGet("/api/models", (HttpContext c, CancellationToken ct) => Function<ModelList>(c).Run(c.Request, ct));
        app.MapGet("/api/models/current", (HttpContext c, CancellationToken ct) => Function<CurrentModel>(c).Run(c.Request, ct));
        app.MapGet("/api/models/current/{file}",
            (HttpContext c, string file, CancellationToken ct) => Function<CurrentModelPicture>(c).Run(c.Request, file, ct));
        app.MapPost("/api/models/promote", (HttpContext c, CancellationToken ct) => Function<PromoteModel>(c).Run(c.Request, ct));
        app.MapPost("/api/models/rollback", (HttpContext c, CancellationToken ct) => Function<RollBackModel>(c).Run(c.Request, ct));
        app.MapGet("/api/models/decisions", (HttpContext c, CancellationToken ct) => Function<ModelDecisionList>(c).Run(c.Request, ct));
        app.MapGet("/api/recipes", (HttpContext c) => Function<ListRecipes>(c).Run(c.Request));
        app.MapPost("/api/uploads", (HttpContext c, CancellationToken ct) => Function<StartUpload>(c).Run(c.Request, ct));
        app.MapGet("/api/uploads/{datasetId}",
            (HttpContext c, string datasetId, CancellationToken ct) => Function<UploadProgress>(c).Run(c.Request, datasetId, ct));
        app.MapGet("/api/studio/{file?}", (HttpContext c, string? file) => Function<StudioPage>(c).Run(c.Request, file));
        return app;
    }

    /// <summary>The function class that answers; this instance serves HTTP, so its model warms up (Serving:WarmUp).</summary>
    private static T Function<T>(HttpContext context) where T : notnull
    {
        context.RequestServices.GetRequiredService<ModelWarmUp>().Begin();
        return context.RequestServices.GetRequiredService<T>();
    }
}
