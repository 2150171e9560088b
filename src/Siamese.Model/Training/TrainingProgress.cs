using Siamese.Model.Evaluation;

namespace Siamese.Model.Training;

/// <summary>
/// The run so far, as the trainer hands it over at each checkpoint: its history (every step's loss, every epoch), and
/// the validation trials with the newest epoch's answers (null without a validation split).
/// </summary>
public sealed record TrainingProgress(string RunId, TrainingHistory History, OneShotSet? Validation, OneShotResult? LastValidation);
