namespace Siamese.Model;

/// <summary>
/// Input the product cannot use: an unreadable file, a dataset with too few classes, a checkpoint of another
/// configuration. <see cref="Code"/> is stable and machine-readable (it ends up in dataset status files and HTTP
/// problem details); the message says in one line what is wrong and, where it helps, what to do.
/// </summary>
public class InvalidInputException(string code, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public string Code { get; } = code;
}

/// <summary>Input that names something that does not exist: a file, a dataset, a run, a gallery (HTTP 404).</summary>
public sealed class MissingInputException(string code, string message) : InvalidInputException(code, message);
