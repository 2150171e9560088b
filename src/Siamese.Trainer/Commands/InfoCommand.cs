using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Siamese.Model.Network;

namespace Siamese.Trainer.Commands;

/// <summary>`info`: the architecture, its stage shapes and parameter counts.</summary>
internal static class InfoCommand
{
    public static Command Create(CommandContext context)
    {
        var model = new SettingOptions(SettingSection.Model);
        var command = new Command("info", "Print the network's architecture summary and parameter counts.");
        model.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(context, model.Given(result), async (services, _) =>
        {
            ModelConfig config = services.GetRequiredService<IOptions<ModelOptions>>().Value.ToConfig();
            using var network = new SiameseNetwork(config);
            await context.Output.WriteAsync(Describe(ModelSummary.Of(network)));
            return 0;
        }, cancellationToken));
        return command;
    }

    public static string Describe(ModelSummary summary)
    {
        var text = new System.Text.StringBuilder();
        ModelConfig config = summary.Config;
        text.AppendLine($"Siamese network: {config}");
        text.AppendLine($"Input: pair images [batch, {config.InputChannels}, {2 * config.ImageSize}, {config.ImageSize}] " +
                        $"(two {config.ImageSize}x{config.ImageSize} images stacked vertically); one backbone embeds both");
        text.AppendLine($"Head: |e1 - e2| -> Linear {config.HeadSize} + ReLU -> Linear 1 + sigmoid");
        text.AppendLine($"Rules: {(config.HasOriginalRules ? "the original's" : "departures from the original")}: " +
                        $"ECA kernels {config.EcaKernels} ({string.Join(", ", summary.EcaKernelSizes)}), " +
                        $"stride-2 padding {config.DownsamplePadding}");
        text.AppendLine();
        text.AppendLine($"Stage outputs for one {config.ImageSize}x{config.ImageSize} image:");
        for (int i = 0; i < summary.StageShapes.Count; i++)
        {
            var (stage, shape) = (summary.StageShapes[i].Stage, summary.StageShapes[i].Shape);
            text.AppendLine($"  {stage,-8} [{string.Join(", ", shape)}]  ECA kernel {summary.EcaKernelSizes[i]}");
        }
        text.AppendLine();
        text.AppendLine("Trainable parameters by part:");
        foreach (var (part, count) in summary.Parts)
            text.AppendLine($"  {part,-18} {count,12:N0}");
        text.AppendLine();
        text.AppendLine($"Trainable parameters: {summary.TrainableParameters:N0}");
        text.AppendLine($"With BatchNorm moving statistics (TensorFlow's total): {summary.TensorFlowTotal:N0}");
        text.AppendLine($"Compute: {summary.FlopsPerImage / 1e9:0.###} GFLOP per image and branch (forward); " +
                        "training about 3x that per image");
        return text.ToString();
    }
}
