namespace Siamese.Model.Data;

/// <summary>Splits classes (not images) into training and validation sets, so validation measures unseen classes.</summary>
public static class ClassSplit
{
    public static (IReadOnlyList<ImageClass> Training, IReadOnlyList<ImageClass> Validation) Split(
        IReadOnlyList<ImageClass> classes, double validationFraction, int seed)
    {
        if (validationFraction <= 0) return (classes, []);
        if (classes.Count < 4)
            throw new InvalidInputException("data.too-few-classes",
                $"A validation split needs at least 4 classes (2 to train, 2 to validate); there are {classes.Count}. " +
                "Set the validation fraction to 0 to train without one.");
        int validationCount = Math.Clamp((int)Math.Round(classes.Count * validationFraction), 2, classes.Count - 2);

        Random random = DeterministicRandom.For(seed, "class-split");
        ImageClass[] shuffled = classes.ToArray();
        random.Shuffle(shuffled);
        var validation = shuffled.Take(validationCount).OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();
        var training = shuffled.Skip(validationCount).OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();
        return (training, validation);
    }
}
