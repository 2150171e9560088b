using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Siamese.Model.Checkpoints;
using Siamese.Model.Data;
using Siamese.Model.Imaging;
using Siamese.Model.Network;
using Siamese.Model.Training;
using Siamese.Model.Training.Progress;
using Siamese.Storage.Extensions;
using Siamese.Reports.Training;
using Siamese.Trainer.Jobs;
using Siamese.Trainer.Logging;

namespace Siamese.Trainer.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddTrainerServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ModelOptions>().BindConfiguration("Model").ValidateDataAnnotations();
        builder.Services.AddOptions<TrainingOptions>().BindConfiguration("Training").ValidateDataAnnotations();
        builder.Services.AddOptions<PairSamplingOptions>().BindConfiguration("Sampling").ValidateDataAnnotations();
        builder.Services.AddOptions<JitterOptions>().BindConfiguration("Jitter").ValidateDataAnnotations();

        builder.Logging.AddConsole()
            .AddConsoleFormatter<TrainerConsoleFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();

        builder.Services.AddOptions<WatchOptions>().BindConfiguration("Watch").ValidateDataAnnotations();

        builder.Services.AddMetrics();
        builder.Services.AddSingleton<TrainingMetrics>();
        builder.AddServiceDefaults();

        builder.Services.AddSingleton<TrainingDataBuilder>();
        builder.Services.AddSingleton<SiameseTrainer>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ICheckpointAttachments, TrainingPictures>();

        // Blob storage (datasets in, checkpoints out) for `train --dataset` and `watch`; resolved only when used.
        builder.AddStorage();
        builder.Services.AddSingleton<StorageTrainingJob>();
        builder.Services.AddSingleton<ModelChallenge>();
        builder.Services.AddSingleton<TrainingRequestWatcher>();
        return builder;
    }
}
