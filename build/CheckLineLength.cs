using System;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Fails the build on a C# line longer than max_line_length in the [*.cs] section of the repository's .editorconfig
/// (Roslyn reads that setting but enforces no limit). Each long line is an error at its file and line.
/// </summary>
public sealed class CheckLineLength : Task
{
    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string EditorConfig { get; set; } = "";

    public override bool Execute()
    {
        int? limit = ReadLimit();
        if (limit is null) return true;
        foreach (ITaskItem item in Files)
        {
            string path = item.GetMetadata("FullPath");
            if (!File.Exists(path)) continue;
            string[] lines = File.ReadAllLines(path);
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].Length > limit)
                    Log.LogError("style", "SIAMESE0001", null, path, i + 1, limit.Value + 1, 0, 0,
                        "The line is {0} characters; the limit is {1} (max_line_length in .editorconfig).", lines[i].Length, limit);
            }
        }
        return !Log.HasLoggedErrors;
    }

    private int? ReadLimit()
    {
        bool inCSharp = false;
        foreach (string raw in File.ReadAllLines(EditorConfig))
        {
            string line = raw.Trim();
            if (line.StartsWith("[", StringComparison.Ordinal)) inCSharp = line == "[*.cs]";
            else if (inCSharp && line.StartsWith("max_line_length", StringComparison.Ordinal))
                return int.Parse(line.Split('=')[1].Trim());
        }
        return null;
    }
}
