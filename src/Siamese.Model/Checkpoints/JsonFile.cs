using System.Text.Json;

namespace Siamese.Model.Checkpoints;

internal static class JsonFile
{
    public static T Read<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string what)
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
    public static void WriteAtomically<T>(string path, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, value, type));
}
