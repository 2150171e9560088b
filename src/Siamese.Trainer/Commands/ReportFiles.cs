using Siamese.Model;
using Siamese.Model.Checkpoints;

namespace Siamese.Trainer.Commands;

/// <summary>Writes a picture or report a command was asked for: its folder is created, the file replaced whole.</summary>
internal static class ReportFiles
{
    /// <returns>The full path written.</returns>
    public static string Write(string path, byte[] content)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new InvalidInputException("out.is-folder", $"'{path}' is a folder; give a file name for the output.");
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        AtomicFile.Write(full, stream => stream.Write(content));
        return full;
    }
}
