namespace Siamese.Trainer.Commands;

/// <summary>One command-line option for several settings that always take the same value.</summary>
/// <param name="Keys">The configuration keys it sets, all in one section.</param>
internal sealed record JointSetting(string Name, string Description, IReadOnlyList<string> Keys);
