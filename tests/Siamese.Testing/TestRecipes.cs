using System.Globalization;

namespace Siamese.Testing;

/// <summary>Recipe choices for uploads (blob metadata): the named recipes shrunk to train in seconds.</summary>
public static class TestRecipes
{
    /// <summary>The original recipe (rendered pairs) on a tiny network.</summary>
    public static Dictionary<string, string> Original(int epochs = 1, double width = 0.0625) => new()
    {
        ["recipe"] = "original",
        ["Model__Width"] = width.ToString(CultureInfo.InvariantCulture),
        ["Model__BlocksPerStage"] = "1,1,1,1",
        ["Training__Epochs"] = $"{epochs}",
        ["Training__BatchSize"] = "16",
        ["Training__ValidationTrials"] = "20",
    };

    /// <summary>The default recipe (in-batch, augmented, from the class images) on a tiny network, a few steps per epoch.</summary>
    public static Dictionary<string, string> InBatch(int epochs = 1, int stepsPerEpoch = 2, double width = 0.0625, int trials = 20) => new()
    {
        ["recipe"] = "inbatch",
        ["Model__Width"] = width.ToString(CultureInfo.InvariantCulture),
        ["Model__BlocksPerStage"] = "1,1,1,1",
        ["Training__Epochs"] = $"{epochs}",
        ["Training__StepsPerEpoch"] = $"{stepsPerEpoch}",
        ["Training__ClassesPerBatch"] = "8",
        ["Training__ValidationTrials"] = $"{trials}",
    };
}
