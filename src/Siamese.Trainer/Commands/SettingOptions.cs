using System.CommandLine;
using System.Reflection;

namespace Siamese.Trainer.Commands;

/// <summary>
/// The command-line options of configuration sections, generated from their options classes: one per settable property,
/// parsed as the property's type, with the property's initial value as its default, named and described as
/// <see cref="SettingTexts"/> says. A property added to an options class is an option of every command that takes its section.
/// </summary>
internal sealed class SettingOptions
{
    public SettingOptions(params IEnumerable<SettingSection> sections)
    {
        Options = sections.SelectMany(OptionsOf).ToList();
    }

    public IReadOnlyList<SettingOption> Options { get; }

    public void AddTo(Command command)
    {
        foreach (SettingOption setting in Options) command.Options.Add(setting.Option);
    }

    public bool AnyGiven(ParseResult result) => Options.Any(setting => setting.IsGiven(result));

    /// <summary>The configuration the command line gives: the options given, by configuration key.</summary>
    public Dictionary<string, string?> Given(ParseResult result) =>
        Options.SelectMany(setting => setting.Given(result)).ToDictionary();

    private static IEnumerable<SettingOption> OptionsOf(SettingSection section)
    {
        object defaults = Activator.CreateInstance(section.OptionsType)!;
        PropertyInfo[] properties = section.OptionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToArray();
        var byKey = properties.ToDictionary(p => section.Key(p.Name));
        foreach (PropertyInfo property in properties)
        {
            string key = section.Key(property.Name);
            object? defaultValue = property.GetValue(defaults);
            if (SettingTexts.Joint.FirstOrDefault(joint => joint.Keys.Contains(key)) is { } joint)
            {
                if (joint.Keys[0] != key) continue;
                if (joint.Keys.Any(other => !Equals(byKey[other].GetValue(defaults), defaultValue)))
                    throw new InvalidOperationException(
                        $"{string.Join(" and ", joint.Keys)} share {joint.Name}, so they need one default.");
                yield return SettingOption.Create(joint.Name, joint.Description, property.PropertyType, defaultValue, joint.Keys);
                continue;
            }
            string name = SettingTexts.NameOf(key), description = SettingTexts.DescriptionOf(key);
            yield return SettingOption.Create(name, description, property.PropertyType, defaultValue, [key]);
        }
    }
}
