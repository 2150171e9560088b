namespace Siamese.Trainer.Commands;

/// <summary>A <see cref="SettingSection"/> that knows its options class at compile time, for binding it.</summary>
internal sealed class SettingSection<TOptions>(string name) : SettingSection(name, typeof(TOptions))
    where TOptions : class, new();
