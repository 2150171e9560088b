namespace Siamese.Storage.Promotion;

/// <summary>
/// What an operator's promote and roll-back say wherever they are done: the users' siamese tool, the dashboard's commands
/// and the admin routes. The rule itself is <see cref="ServedModels"/>'; each front door names itself in the reason it
/// records when none is given.
/// </summary>
public static class ManualPromotion
{
    public const string PromoteSummary =
        "Serve a run's checkpoint under a model name from now on, whatever its score; the model the name served before can be " +
        "rolled back to.";

    public const string RollBackSummary =
        "Serve the model a name served before its current one (for default, the default model if there was none).";

    public const string RunDescription = "The run's folder in the models container (models/{runId}/); a dataset's status names its runs.";

    public const string CheckpointDescription = "A checkpoint of the run, e.g. epoch-0003 (default: the run's best, else its latest).";

    public const string ReasonDescription = "Why, for the record (the name's served pointer and GET /api/models/current show it).";

    public const string SiameseTool = "siamese tool";
    public const string Api = "API";
    public const string Dashboard = "Aspire dashboard";

    /// <summary>The reason recorded for a promotion through <paramref name="frontDoor"/> that gave none.</summary>
    public static string PromotedBy(string frontDoor) => $"promoted by an operator ({frontDoor})";

    /// <summary>The reason recorded for a roll-back through <paramref name="frontDoor"/> that gave none.</summary>
    public static string RolledBackBy(string frontDoor) => $"rolled back by an operator ({frontDoor})";
}
