using Siamese.Serving.Contracts;
using Siamese.Storage.Promotion;

namespace Siamese.Cli.Printing;

/// <summary>How the tool names a model: the run and epoch of a trained one, or the default model shipped with the app.</summary>
public static class ModelNames
{
    public const string DefaultModel = "the default model shipped with the app";

    /// <summary>What follows a promote or roll-back through storage.</summary>
    public const string ReloadNotice = "the compare API answers with it within Serving:ReloadIntervalSeconds (5 s by default)";

    /// <summary>The model that answered a request, as the API describes it.</summary>
    public static string Of(ModelInfo model) => model.Source == "default" ? "the default model" : $"run {model.RunId} epoch {model.Epoch}";

    /// <summary>A model models/served.json names (the current one or an earlier one).</summary>
    public static string Of(ServedModelPointer pointer) =>
        pointer.IsDefault ? DefaultModel : $"{pointer.RunId} epoch {pointer.Epoch} ({pointer.Checkpoint})";

    /// <summary>The model the compare API answers with, and why: "now answering: …".</summary>
    public static string NowAnswering(ServedModelPointer? served) => served is null
        ? $"now answering: {DefaultModel} (no trained model has won promotion)"
        : $"now answering: {Of(served)}: {served.Reason}";
}
