using System.Reflection;
using Siamese.Model.Recipes;

namespace Siamese.Model.Tests;

/// <summary>
/// The fingerprint in a run id (StorageRunIds.For: dataset id, then the fingerprint) follows every recipe value
/// that shapes the weights: the same values give the same fingerprint, any other value another one, and the epoch count
/// and the trainer's own settings (device, progress interval) none.
/// </summary>
public class RecipeFingerprintTests
{
    /// <summary>
    /// Settings that do not change what is learned: more epochs continue a run, and where it runs is the trainer's affair.
    /// </summary>
    private static readonly string[] NotInFingerprint = ["Training:Epochs", "Training:Device", "Training:ProgressIntervalSeconds"];

    /// <summary>
    /// Every setting of a recipe (sections Model, Training, Jitter), found by reflection so that a new one is covered too.
    /// </summary>
    public static TheoryData<string> ShapingSettings()
    {
        var data = new TheoryData<string>();
        foreach (string key in Settings().Where(k => !NotInFingerprint.Contains(k))) data.Add(key);
        return data;
    }

    public static TheoryData<string> OtherSettings() => new(NotInFingerprint);

    [Fact]
    public void The_same_values_give_the_same_fingerprint()
    {
        Assert.Equal(Resolve().Fingerprint(), Resolve().Fingerprint());
        Assert.Matches("^[0-9a-f]{8}$", Resolve().Fingerprint());
    }

    [Theory]
    [MemberData(nameof(ShapingSettings))]
    public void Any_other_value_of_a_setting_that_shapes_the_weights_gives_another_fingerprint(string key)
    {
        var (before, after) = FingerprintsAroundChanging(key);

        Assert.NotEqual(before, after);
    }

    [Theory]
    [MemberData(nameof(OtherSettings))]
    public void The_epoch_count_and_the_trainers_own_settings_leave_the_fingerprint_as_it_is(string key)
    {
        var (before, after) = FingerprintsAroundChanging(key);

        Assert.Equal(before, after);
    }

    /// <summary>The fingerprint of the in-batch recipe, and that of the same recipe with <paramref name="key"/> changed.</summary>
    private static (string Before, string After) FingerprintsAroundChanging(string key)
    {
        TrainingRecipe changed = Resolve();
        ChangeValue(changed, key);
        return (Resolve().Fingerprint(), changed.Fingerprint());
    }

    private static TrainingRecipe Resolve() => TrainingRecipes.Resolve(TrainingRecipes.InBatch);

    private static IEnumerable<string> Settings() =>
        Sections(Resolve()).SelectMany(s => s.Options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .Select(p => $"{s.Name}:{p.Name}"));

    private static IEnumerable<(string Name, object Options)> Sections(TrainingRecipe recipe) =>
        [("Model", recipe.Model), ("Training", recipe.Training), ("Jitter", recipe.Jitter)];

    /// <summary>Sets the setting <paramref name="key"/> of <paramref name="recipe"/> to a value other than the one it has.</summary>
    private static void ChangeValue(TrainingRecipe recipe, string key)
    {
        string[] parts = key.Split(':');
        object options = Sections(recipe).Single(s => s.Name == parts[0]).Options;
        PropertyInfo property = options.GetType().GetProperty(parts[1])!;
        object? value = property.GetValue(options);
        property.SetValue(options, OtherValue(property.PropertyType, value, key));
        Assert.NotEqual(value, property.GetValue(options));
    }

    private static object? OtherValue(Type type, object? value, string key) => value switch
    {
        null => Nullable.GetUnderlyingType(type) is { } underlying ? Convert.ChangeType(1, underlying) : "other",
        bool flag => !flag,
        Enum member => Enum.GetValues(type).Cast<object>().First(other => !other.Equals(member)),
        int number => number + 1,
        long number => number + 1,
        double number => number + 0.5,
        string text => text + ",1",
        _ => throw new NotSupportedException($"{key} is a {type.Name}: teach this test another value of that type."),
    };
}
