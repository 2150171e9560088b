using Siamese.Model.Checkpoints;
using Siamese.Model.Network;
using static TorchSharp.torch;

namespace Siamese.Bench;

/// <summary>
/// Checkpoint averaging: a network whose every floating-point parameter and buffer (BatchNorm statistics included) is
/// the mean of the given networks' (of one configuration, e.g. the last epochs of one run).
/// </summary>
internal static class WeightAveraging
{
    public static SiameseNetwork Average(IReadOnlyList<SiameseNetwork> networks, CheckpointMetadata configuration)
    {
        var averaged = new SiameseNetwork(configuration.Model);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var states = networks.Select(n => n.state_dict()).ToList();
        foreach (var (name, target) in averaged.state_dict())
        {
            if (!target.is_floating_point())
            {
                target.copy_(states[^1][name]);
                continue;
            }
            Tensor sum = zeros_like(target, dtype: ScalarType.Float64);
            foreach (var state in states) sum.add_(state[name].to_type(ScalarType.Float64));
            target.copy_((sum / states.Count).to_type(target.dtype));
        }
        return averaged;
    }
}
