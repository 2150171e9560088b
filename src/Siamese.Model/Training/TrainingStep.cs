using Siamese.Model.Network;
using Siamese.Model.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Model.Training;

/// <summary>
/// One optimisation step as the trainer runs it: Adam with Keras' settings on the loss an objective builds (see
/// <see cref="Objectives.ITrainingObjective"/>), all of the step's tensors in one dispose scope, and the native heap kept
/// from growing (<see cref="NativeHeap"/>). The benchmark in bench/ times this same class.
/// </summary>
public sealed class TrainingStep : IDisposable
{
    private readonly SiameseNetwork network;
    private readonly Device device;
    private readonly NativeHeap heap = new();

    public TrainingStep(SiameseNetwork network, double learningRate, Device device)
    {
        this.network = network;
        this.device = device;
        Optimizer = optim.Adam(network.parameters(), lr: learningRate, beta1: 0.9, beta2: 0.999, eps: 1e-7); // Keras' Adam
    }

    public optim.Optimizer Optimizer { get; }

    /// <summary>
    /// One optimisation step on the loss <paramref name="computeLoss"/> builds; every tensor of it is freed after. A step
    /// whose loss or gradients are not finite is computed again on one CPU thread, then skipped (the weights unchanged)
    /// and returns NaN; the caller decides when too many were. A safety net: the one such fault seen, LibTorch 2.10's
    /// AVX-512 backward on AMD Zen 5, is avoided at the trainer's start (<see cref="CpuKernels"/>).
    /// </summary>
    public float Run(Func<Tensor> computeLoss)
    {
        float loss = float.NaN;
        int threads = get_num_threads();
        for (int attempt = 1; attempt <= Attempts; attempt++)
        {
            if (attempt > 1 && device.type == DeviceType.CPU) set_num_threads(1);
            using (NewDisposeScope())
            {
                Tensor batchLoss = computeLoss();
                Optimizer.zero_grad();
                batchLoss.backward();
                loss = batchLoss.item<float>();
                if (float.IsFinite(loss) && GradientsAreFinite())
                {
                    Optimizer.step();
                    break;
                }
                LastSkipReason = float.IsFinite(loss)
                    ? $"non-finite gradients in {string.Join(", ", NonFiniteGradients().Take(3))}"
                    : $"loss {loss}";
                loss = float.NaN;
            }
            RetriedSteps++;
        }
        if (get_num_threads() != threads) set_num_threads(threads);
        heap.AfterStep();
        return loss;
    }

    /// <summary>How often a step is computed before it is skipped: once as usual, then on one thread.</summary>
    public const int Attempts = 2;

    /// <summary>Computations that were not finite and were repeated (or, on the last attempt, skipped).</summary>
    public int RetriedSteps { get; private set; }

    /// <summary>Why the last skipped step was skipped (for the log).</summary>
    public string LastSkipReason { get; private set; } = "";

    /// <summary>One sum over every gradient: NaN or infinite as soon as one element is.</summary>
    private bool GradientsAreFinite()
    {
        var sums = network.parameters().Where(p => p.grad is not null).Select(p => p.grad!.abs().sum()).ToList();
        return sums.Count == 0 || stack(sums).sum().isfinite().item<bool>();
    }

    private IEnumerable<string> NonFiniteGradients() =>
        network.named_parameters().Where(p => p.parameter.grad is { } grad && !grad.isfinite().all().item<bool>()).Select(p => p.name);

    /// <summary>Sets the learning rate of every parameter group (for schedules).</summary>
    public void SetLearningRate(double learningRate)
    {
        foreach (var group in Optimizer.ParamGroups) group.LearningRate = learningRate;
    }

    public void Dispose() => Optimizer.Dispose();
}
