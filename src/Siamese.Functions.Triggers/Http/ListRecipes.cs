using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Siamese.Model.Recipes;
using Siamese.Serving.Contracts;

namespace Siamese.Functions.Triggers.Http;

/// <summary>GET /api/recipes: the recipes an upload may name; an upload that names none gets the one its images call for.</summary>
public sealed class ListRecipes
{
    [Function(nameof(ListRecipes))]
    public IResult Run([HttpTrigger(AuthorizationLevel.Function, "get", Route = "recipes")] HttpRequest request) =>
        TypedResults.Json(new RecipeListResponse(TrainingRecipes.Presets.Keys.ToList()), ApiJson.Default.RecipeListResponse);
}
