namespace Siamese.Model.Training;

/// <summary>Which epoch's weights a run puts forward (its best.json, what the challenge and `evaluate` take).</summary>
public enum KeptEpoch
{
    /// <summary>The epoch with the best validation score (the lowest training loss without a validation split).</summary>
    Best,

    /// <summary>The last epoch trained, whatever it scored: the original's (it saved the weights after its 4 epochs).</summary>
    Last,
}
