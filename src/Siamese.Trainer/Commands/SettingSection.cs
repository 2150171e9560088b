using Siamese.Model.Data;
using Siamese.Model.Imaging;
using Siamese.Model.Network;
using Siamese.Model.Training;
using Siamese.Trainer.Jobs;

namespace Siamese.Trainer.Commands;

/// <summary>
/// A configuration section and the options class bound to it: each settable property is a setting, its initial value
/// the default. The trainer binds these sections and generates command-line options from them (<see cref="SettingOptions"/>).
/// </summary>
internal class SettingSection(string name, Type optionsType)
{
    public static SettingSection<ModelOptions> Model { get; } = new(ModelOptions.Section);

    public static SettingSection<TrainingOptions> Training { get; } = new(TrainingOptions.Section);

    public static SettingSection<JitterOptions> Jitter { get; } = new(JitterOptions.Section);

    public static SettingSection<PairSamplingOptions> Sampling { get; } = new("Sampling");

    public static SettingSection<WatchOptions> Watch { get; } = new("Watch");

    public string Name => name;

    public Type OptionsType => optionsType;

    /// <summary>The configuration key of a setting, e.g. "Training:Epochs".</summary>
    public string Key(string property) => $"{Name}:{property}";
}
