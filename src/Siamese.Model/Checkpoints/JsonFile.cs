using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Siamese.Model.Checkpoints;

/// <summary>A local run folder's JSON files (checkpoint.json, the pointers): read with a clear error, written whole.</summary>
internal static class JsonFile
{
    public static T Read<T>(string path, JsonTypeInfo<T> type, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), type)
                   ?? throw new InvalidInputException("checkpoint.corrupt", $"{what} '{path}' is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException("checkpoint.corrupt", $"{what} '{path}' is not valid JSON ({ex.Message}).", ex);
        }
    }

    /// <summary>Writes to a temporary file and renames it, so a reader sees the old file or the new one, never half.</summary>
    public static void WriteAtomically<T>(string path, T value, JsonTypeInfo<T> type) =>
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, value, type));
}
