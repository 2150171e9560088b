using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Siamese.Serving.Functions;

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
        app.MapPost("/api/compare", Compare);
        app.MapPost("/api/compare/batch", CompareBatch);
        app.MapPut("/api/galleries/{name}/items/{label}", EnrolGalleryItem);
        app.MapPost("/api/galleries/{name}/identify", IdentifyInGallery);
        app.MapGet("/api/models/current", CurrentModel);
        app.MapGet("/api/models/current/{file}", CurrentModelPicture);
        app.MapPost("/api/models/promote", PromoteModel);
        app.MapPost("/api/models/rollback", RollBackModel);
        return app;
    }

    private static Task Compare(HttpContext c) => Execute(c, Function<Compare>(c).Run(c.Request, c.RequestAborted));
    private static Task CompareBatch(HttpContext c) => Execute(c, Function<CompareBatch>(c).Run(c.Request, c.RequestAborted));
    private static Task EnrolGalleryItem(HttpContext c) => Execute(c, Function<EnrolGalleryItem>(c).Run(c.Request, Route(c, "name"), Route(c, "label"), c.RequestAborted));
    private static Task IdentifyInGallery(HttpContext c) => Execute(c, Function<IdentifyInGallery>(c).Run(c.Request, Route(c, "name"), c.RequestAborted));
    private static Task CurrentModel(HttpContext c) => Execute(c, Function<CurrentModel>(c).Run(c.Request, c.RequestAborted));
    private static Task CurrentModelPicture(HttpContext c) => Execute(c, Function<CurrentModelPicture>(c).Run(c.Request, Route(c, "file"), c.RequestAborted));

    private static Task PromoteModel(HttpContext c) => Execute(c, Function<PromoteModel>(c).Run(c.Request, c.RequestAborted));
    private static Task RollBackModel(HttpContext c) => Execute(c, Function<RollBackModel>(c).Run(c.Request, c.RequestAborted));

    private static T Function<T>(HttpContext context) where T : notnull => context.RequestServices.GetRequiredService<T>();

    private static string Route(HttpContext context, string name) => context.Request.RouteValues[name]?.ToString() ?? "";

    private static async Task Execute(HttpContext context, Task<IActionResult> invocation)
    {
        IActionResult result = await invocation;
        await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }
}
