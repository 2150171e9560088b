using System.Text;

namespace Siamese.Model.Data;

/// <summary>One row of labels.csv: a file (relative to the CSV's folder), its class, whether it is an impostor, and its line.</summary>
public sealed record LabelRow(string File, string Label, bool Impostor, int Line);

/// <summary>
/// labels.csv: a header row and the columns <c>file,label</c>, optionally <c>impostor</c> (true/false, 1/0, yes/no; empty is
/// false), in any order. Fields may be quoted ("a, b.png"; "" is a quote inside quotes). Every problem fails with the line.
/// </summary>
public static class LabelsCsv
{
    public const string FileName = "labels.csv";

    private static readonly string[] Columns = ["file", "label", "impostor"];

    public static IReadOnlyList<LabelRow> Parse(string text, string source)
    {
        var records = Records(text.TrimStart('\uFEFF'), source).Where(r => r.Fields is not [""]).ToList();
        if (records.Count == 0)
            throw Invalid(source, 1, "is empty; it needs a header row 'file,label' (and optionally 'impostor')");
        var (headerLine, header) = records[0];
        int[] column = Columns
            .Select(c => header.FindIndex(h => h.Trim().Equals(c, StringComparison.OrdinalIgnoreCase)))
            .ToArray();
        string? unknown = header.FirstOrDefault(h => !Columns.Contains(h.Trim(), StringComparer.OrdinalIgnoreCase));
        if (column[0] < 0 || column[1] < 0 || unknown is not null || header.Count != column.Count(i => i >= 0))
            throw Invalid(source, headerLine,
                $"has the header '{string.Join(',', header)}'; it must name file and label (and optionally impostor) once each");

        var rows = new List<LabelRow>(records.Count - 1);
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count > header.Count || fields.Count <= Math.Max(column[0], column[1]))
                throw Invalid(source, line, $"has {fields.Count} fields; the header has {header.Count}");
            string file = RelativePath(fields[column[0]].Trim(), source, line);
            string label = ClassName(fields[column[1]].Trim(), source, line);
            bool impostor = column[2] >= 0 && column[2] < fields.Count && Flag(fields[column[2]].Trim(), source, line);
            if (!lineOf.TryAdd(file, line))
                throw new InvalidInputException("labels.ambiguous",
                    $"'{source}' names '{file}' twice (lines {lineOf[file]} and {line}); give each file one row.");
            rows.Add(new LabelRow(file, label, impostor, line));
        }
        return rows;
    }

    /// <summary>RFC 4180 records, each with the line it starts on; quoted fields may hold commas, quotes and line breaks.</summary>
    private static IEnumerable<(int Line, List<string> Fields)> Records(string text, string source)
    {
        int line = 1, i = 0;
        while (i < text.Length)
        {
            int start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            bool ended = false;
            while (!ended)
            {
                if (i < text.Length && text[i] == '"')
                {
                    i++;
                    while (true)
                    {
                        if (i >= text.Length) throw Invalid(source, start, "has a quoted field that is never closed");
                        if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; }
                        else if (text[i] == '"') { i++; break; }
                        else { if (text[i] == '\n') line++; field.Append(text[i++]); }
                    }
                    if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                        throw Invalid(source, line, "has text after a closing quote; a quote inside a quoted field is written \"\"");
                }
                while (i < text.Length && text[i] is not (',' or '\r' or '\n')) field.Append(text[i++]);
                fields.Add(field.ToString());
                field.Clear();
                if (i < text.Length && text[i] == ',') { i++; continue; }
                if (i < text.Length && text[i] == '\r') i++;
                if (i < text.Length && text[i] == '\n') { i++; line++; }
                ended = true;
            }
            yield return (start, fields);
        }
    }

    private static string RelativePath(string file, string source, int line)
    {
        string path = file.Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal)) path = path[2..];
        if (path.Length == 0) throw Invalid(source, line, "has an empty file");
        if (path.StartsWith('/') || (path.Length >= 2 && path[1] == ':') || path.Split('/').Contains(".."))
            throw Invalid(source, line, $"names '{file}'; files are paths relative to the folder of {FileName}, without '..'");
        return path;
    }

    /// <summary>A label is a class name: one name, not a path, a hidden name or the name of a folder that marks images.</summary>
    private static string ClassName(string label, string source, int line)
    {
        if (label.Length == 0) throw Invalid(source, line, "has an empty label");
        if (label.Contains('/') || label.Contains('\\') || label.StartsWith('.') || ImpostorFolders.IsMarkFolder(label))
            throw Invalid(source, line,
                $"has the label '{label}'; a label is a class name without '/' or '\\', not starting with '.', " +
                $"and not {string.Join(", ", ImpostorFolders.Names)} or {ImpostorFolders.GenuineName} " +
                "(mark impostors in the impostor column)");
        return label;
    }

    private static bool Flag(string value, string source, int line) => value.ToLowerInvariant() switch
    {
        "" or "false" or "0" or "no" => false,
        "true" or "1" or "yes" => true,
        _ => throw Invalid(source, line, $"has impostor '{value}'; write true/false, 1/0, yes/no, or leave it empty (false)"),
    };

    private static InvalidInputException Invalid(string source, int line, string problem) =>
        new("labels.invalid", $"'{source}' line {line} {problem}.");
}
