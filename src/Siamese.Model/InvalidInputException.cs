namespace Siamese.Model;

/// <summary>
/// Input the product cannot use: a missing or unreadable file, a dataset with too few classes, a checkpoint of
/// another configuration. <see cref="Code"/> is stable and machine-readable (it ends up in dataset status files and
/// HTTP problem details); the message says in one line what is wrong and, where it helps, what to do.
/// </summary>
public sealed class InvalidInputException(string code, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public string Code { get; } = code;
}
