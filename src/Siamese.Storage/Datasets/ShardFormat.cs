using Siamese.Model.Data;

namespace Siamese.Storage.Datasets;

/// <summary>One pair in a shard: its pair image file and where its two images came from.</summary>
public sealed record ShardPair(
    string Key,
    bool IsSame,
    string FirstClass,
    string FirstImage,
    string SecondClass,
    string SecondImage,
    string File);

/// <summary>
/// A pair shard: lossless PNG pair images plus pairs.json, which lists every pair with its label and sources
/// (see <see cref="ShardZip"/>).
/// </summary>
public static class ShardFormat
{
    public const string PairsFile = "pairs.json";

    public static byte[] Write(IReadOnlyList<(ImagePair Pair, byte[] Png)> pairs) =>
        ShardZip.Write(pairs.Count, (i, file) => file.Write(pairs[i].Png),
            (i, file) => new ShardPair(pairs[i].Pair.Key, pairs[i].Pair.IsSame, pairs[i].Pair.FirstClass, pairs[i].Pair.FirstImage,
                pairs[i].Pair.SecondClass, pairs[i].Pair.SecondImage, file),
            PairsFile, StorageJson.Default.ShardPairArray);

    /// <summary>The pairs of a shard, each with its PNG bytes.</summary>
    public static IReadOnlyList<(ShardPair Pair, byte[] Png)> Read(Stream shard) =>
        ShardZip.Read(shard, PairsFile, StorageJson.Default.ShardPairArray, pair => pair.File);
}
