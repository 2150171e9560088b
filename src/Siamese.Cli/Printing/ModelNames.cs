using Siamese.Serving.Contracts;
using Siamese.Storage.Promotion;

namespace Siamese.Cli.Printing;

/// <summary>
/// How the tool names a model: the run and epoch of a trained one, or the default model shipped with the app; and, for a
/// model name other than `default`, that name (`default`'s lines read as they did before names existed).
/// </summary>
public static class ModelNames
{
    public const string DefaultModel = "the default model shipped with the app";

    /// <summary>What follows a promote or roll-back through storage.</summary>
    public const string ReloadNotice = "the compare API answers with it within Serving:ReloadIntervalSeconds (5 s by default)";

    /// <summary>The model that answered a request, as the API describes it.</summary>
    public static string Of(ModelInfo model) => model.Source == "default" ? "the default model" : $"run {model.RunId} epoch {model.Epoch}";

    /// <summary>The model that answered a request made for the model name <paramref name="name"/>.</summary>
    public static string Of(ModelInfo model, string name) => Of(model) + ModelName.Suffix(name);

    /// <summary>A model a served pointer names (the current one or an earlier one).</summary>
    public static string Of(ServedModelPointer pointer) =>
        pointer.IsDefault ? DefaultModel : $"{pointer.RunId} epoch {pointer.Epoch} ({pointer.Checkpoint})";

    /// <summary>What a name serves, and why: the pointer's model and reason, or the shipped model while none was promoted.</summary>
    public static string Serving(ServedModelPointer? served) => served is null
        ? $"{DefaultModel} (no trained model has won promotion)"
        : $"{Of(served)}: {served.Reason}";

    /// <summary>The model the compare API answers with for `default`, and why: "now answering: …".</summary>
    public static string NowAnswering(ServedModelPointer? served) => NowAnswering(ModelName.Default, served);

    /// <summary>The model the compare API answers with for a model name: "now answering for model alice: …".</summary>
    public static string NowAnswering(string model, ServedModelPointer? served) => served is null && !ModelName.IsDefault(model)
        ? $"nothing answers for model {model} yet: no model has won promotion under that name"
        : $"now answering{ModelName.Suffix(model)}: {Serving(served)}";
}
