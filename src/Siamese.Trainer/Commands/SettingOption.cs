using System.CommandLine;
using System.Globalization;
using System.Reflection;

namespace Siamese.Trainer.Commands;

/// <summary>
/// A command-line option that sets one or more configuration keys (several take one value). Its default, which --help
/// shows, is the options class's initial value; only a value given on the command line becomes configuration, so
/// appsettings.json and the environment still apply beneath the command line.
/// </summary>
internal sealed class SettingOption
{
    private static readonly MethodInfo CreateTypedMethod =
        typeof(SettingOption).GetMethod(nameof(CreateTyped), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Func<ParseResult, object?> valueOf;

    private SettingOption(Option option, IReadOnlyList<string> keys, object? defaultValue, Func<ParseResult, object?> valueOf)
    {
        Option = option;
        Keys = keys;
        DefaultText = Text(defaultValue);
        this.valueOf = valueOf;
    }

    public Option Option { get; }

    /// <summary>The configuration keys the option sets, e.g. "Training:Epochs".</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The default as configuration writes it.</summary>
    public string? DefaultText { get; }

    /// <param name="type">The setting's type: the option parses its value as that (a number, bool, text or enum).</param>
    public static SettingOption Create(string name, string description, Type type, object? defaultValue, IReadOnlyList<string> keys) =>
        (SettingOption)CreateTypedMethod.MakeGenericMethod(type).Invoke(null, [name, description, defaultValue, keys])!;

    public bool IsGiven(ParseResult result) => result.GetResult(Option) is { Implicit: false };

    /// <summary>The configuration this option gives: its value for each of its keys when given, else nothing.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Given(ParseResult result)
    {
        if (!IsGiven(result)) return [];
        string? value = Text(valueOf(result));
        return Keys.Select(key => KeyValuePair.Create(key, value));
    }

    private static SettingOption CreateTyped<T>(string name, string description, T defaultValue, IReadOnlyList<string> keys)
    {
        var option = new Option<T>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        return new SettingOption(option, keys, defaultValue, result => result.GetValue(option));
    }

    private static string? Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture);
}
