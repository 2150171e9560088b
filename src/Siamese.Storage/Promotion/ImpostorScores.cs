using System.Globalization;

namespace Siamese.Storage.Promotion;

/// <summary>
/// Challenger and champion on the same impostor trials of the new upload's held-out classes (a genuine image of a class
/// against one of its impostors, see <see cref="ImpostorTrials"/>): the challenger must not be worse by more than
/// <see cref="Tolerance"/>, as on a reference. <see cref="Classes"/>: the held-out classes with impostors the trials are drawn from.
/// </summary>
public sealed record ImpostorScores(int Classes, int TrialCount, int ChallengerCorrect, int ChampionCorrect, double Tolerance)
{
    public double ChallengerAccuracy => Rate(ChallengerCorrect);

    public double ChampionAccuracy => Rate(ChampionCorrect);

    public bool Held => ChallengerAccuracy >= ChampionAccuracy - Tolerance - 1e-12;

    /// <summary>
    /// E.g. "impostor trials: 91.0 % (95 % CI 87.8–93.4) vs 62.0 % (57.2–66.6) on the same 400 trials of 3 held-out classes
    /// with impostors, held".
    /// </summary>
    public string Comparison => string.Create(CultureInfo.InvariantCulture,
        $"impostor trials: {ScoreText.WithInterval(ChallengerAccuracy, TrialCount)} vs " +
        $"{ScoreText.WithBareInterval(ChampionAccuracy, TrialCount)} on the same {TrialCount} trials of {Classes} held-out " +
        $"classes with impostors, {(Held ? "held" : $"more than {Tolerance * 100:0.0} points worse")}");

    private double Rate(int correct) => TrialCount == 0 ? 0 : (double)correct / TrialCount;
}
