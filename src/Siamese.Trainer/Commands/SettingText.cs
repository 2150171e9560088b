namespace Siamese.Trainer.Commands;

/// <summary>How the command line presents a setting: what it means, and its name when that is not the rule's.</summary>
/// <param name="Name">The option's name; null for "--" and the property's name in kebab case.</param>
internal sealed record SettingText(string Description, string? Name = null);
