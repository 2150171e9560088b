using Siamese.Storage.Promotion;

namespace Siamese.AppHost.Commands;

/// <summary>The model name a dashboard command acts on: an input left empty means `default`, as the siamese tool's --model.</summary>
public static class ModelNameInput
{
    public const string Name = "model";

    public static InteractionInput Create(string what) => new()
    {
        Name = Name, Label = "Model name", InputType = InputType.Text, Placeholder = ModelName.Default, MaxLength = 40,
        Description = $"The model name {what}. Empty: {ModelName.Default}. A name is {ModelName.Rule}.",
    };

    /// <summary>The name given, else `default`; a name that breaks the rule is refused (InvalidInputException).</summary>
    public static string Read(string? value) => ModelName.Check(string.IsNullOrWhiteSpace(value) ? null : value.Trim());
}
