namespace Siamese.Trainer.Commands;

/// <summary>The pairs `evaluate --calibrate` chooses isSame's threshold on (`--threshold-on`).</summary>
internal enum ThresholdPairs
{
    /// <summary>Each trial's query with its answer against the query with the other classes' candidates.</summary>
    Classes,

    /// <summary>Each impostor trial's query with its genuine candidate against the query with its impostor.</summary>
    Impostors,
}
