using Siamese.Testing.Stack;

namespace Siamese.Cli.Tests.Examples;

/// <summary>
/// The stack the documentation's examples run against: Azurite, the local functions host and the trainer job, as the
/// AppHost runs them, with the pipeline's default recipe shrunk to seconds (one step of a narrow network, few validation
/// trials) so that an example's upload trains and is decided within a test.
/// </summary>
public sealed class ExamplesStack() : StackFixture(QuickDefaultRecipe)
{
    private static readonly Dictionary<string, string?> QuickDefaultRecipe = new()
    {
        ["Preparation:RecipeOverrides:Model:Width"] = "0.125",
        ["Preparation:RecipeOverrides:Model:BlocksPerStage"] = "1,1,1,1",
        ["Preparation:RecipeOverrides:Training:Epochs"] = "1",
        ["Preparation:RecipeOverrides:Training:StepsPerEpoch"] = "1",
        ["Preparation:RecipeOverrides:Training:ClassesPerBatch"] = "16",
        ["Preparation:RecipeOverrides:Training:ValidationTrials"] = "40",
    };

    private AppProcess? trainer;

    public string TrainerOutput => trainer?.Output ?? "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        trainer = AppProcess.Start(BuiltApps.TrainerDll, ["watch"],
            [new("Storage", Azurite.ConnectionString), new("Training__Device", "cpu")]);
    }

    public override async Task DisposeAsync()
    {
        if (trainer is not null) await trainer.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>The documentation's examples share one stack of their own.</summary>
[CollectionDefinition(Name)]
public sealed class ExamplesCollection : ICollectionFixture<ExamplesStack>
{
    public const string Name = "examples";
}
