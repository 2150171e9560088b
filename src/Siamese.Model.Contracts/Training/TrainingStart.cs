namespace Siamese.Model.Training;

/// <summary>
/// The weights a run starts from. Scratch: freshly initialised (the original's). Served: the model its name serves, or the
/// shipped model (a new name, a local run), which already knows strokes and shapes; a few hundred images of a few dozen
/// people cannot train the network from nothing. The start must have the run's widths, blocks and layer rules; the input
/// size may differ (the network pools globally) and grey and colour inputs are converted (<see cref="StartingWeights"/>).
/// Where the architecture does not allow it, the run starts from scratch and says why.
/// </summary>
public enum TrainingStart
{
    Scratch = 0,
    Served = 1,
}
