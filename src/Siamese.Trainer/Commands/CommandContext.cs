namespace Siamese.Trainer.Commands;

/// <summary>Where a command writes, and configuration that wins over appsettings and the environment (tests, embedding).</summary>
public sealed record CommandContext(TextWriter Output, TextWriter Error, IReadOnlyDictionary<string, string?> Settings);
