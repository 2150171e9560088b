namespace Siamese.Model.Data;

/// <summary>A rendered pair: the pair image as planar bytes (C x 2S x S, lossless) and its label.</summary>
public sealed record PairSample(string Key, byte[] Pixels, bool IsSame);
