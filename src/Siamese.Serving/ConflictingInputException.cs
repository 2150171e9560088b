using Siamese.Model;

namespace Siamese.Serving;

/// <summary>Input at odds with what is stored, e.g. a gallery called with another model name than its own (HTTP 409).</summary>
public sealed class ConflictingInputException(string code, string message) : InvalidInputException(code, message);
