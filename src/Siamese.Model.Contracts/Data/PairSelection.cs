namespace Siamese.Model.Data;

/// <summary>How the rendered pairs of a class are chosen (<see cref="PairSampler"/>).</summary>
public enum PairSelection
{
    /// <summary>
    /// Positives: distinct random pairs of two images of the class. Negatives: an image of the class and one of a random
    /// other class. Each class draws from its own stream, so every image can take part.
    /// </summary>
    Random,

    /// <summary>
    /// The original's (<see cref="ListingOrderPairs"/>): positives chain each class's images in listing order, (0,1), (1,2) …;
    /// negatives pair each image with the one a seeded shuffle of all images puts in its row, same-class rows dropped.
    /// </summary>
    ListingOrder,
}
