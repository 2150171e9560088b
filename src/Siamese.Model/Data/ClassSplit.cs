namespace Siamese.Model.Data;

/// <summary>Splits classes (not images) into training and validation sets, so validation measures unseen classes.</summary>
public static class ClassSplit
{
    /// <summary>Fewest classes a validation split can be made of: 2 to train, 2 to validate.</summary>
    public const int MinClasses = 4;

    /// <summary>
    /// Holds out round(n × <paramref name="validationFraction"/>) classes, but at least <paramref name="minValidationClasses"/>
    /// (up to half of them), always 2 to n − 2: on a small upload a tenth is too few classes for trials that tell two models
    /// apart. Every split of a run's data (training, its challenge, its references, evaluation) must pass the same values.
    /// </summary>
    public static (IReadOnlyList<ImageClass> Training, IReadOnlyList<ImageClass> Validation) Split(
        IReadOnlyList<ImageClass> classes, double validationFraction, int seed, int minValidationClasses)
    {
        if (validationFraction <= 0) return (classes, []);
        if (classes.Count < MinClasses)
            throw new InvalidInputException("data.too-few-classes",
                $"A validation split needs at least {MinClasses} classes (2 to train, 2 to validate); there are {classes.Count}. " +
                "Set the validation fraction to 0 to train without one.");
        int validationCount = Math.Clamp(
            Math.Max((int)Math.Round(classes.Count * validationFraction), Math.Min(minValidationClasses, classes.Count / 2)),
            2, classes.Count - 2);

        Random random = DeterministicRandom.For(seed, "class-split");
        ImageClass[] shuffled = classes.ToArray();
        random.Shuffle(shuffled);
        var validation = shuffled.Take(validationCount).OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();
        var training = shuffled.Skip(validationCount).OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();
        return (training, validation);
    }
}
