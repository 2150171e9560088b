using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Siamese.Model.Checkpoints;
using Siamese.Model.Training;
using Siamese.Model.Training.Progress;
using Siamese.Reports.Training;
using Siamese.Storage.Extensions;
using Siamese.Trainer.Commands;
using Siamese.Trainer.Jobs;
using Siamese.Trainer.Logging;

namespace Siamese.Trainer.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddTrainerServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings(SettingSection.Model);
        builder.Services.AddSettings(SettingSection.Training);
        builder.Services.AddSettings(SettingSection.Sampling);
        builder.Services.AddSettings(SettingSection.Jitter);
        builder.Services.AddSettings(SettingSection.Watch);
        builder.Services.AddOptions<ChallengeOptions>().BindConfiguration(ChallengeOptions.Section).ValidateDataAnnotations();

        builder.Logging.AddConsole()
            .AddConsoleFormatter<TrainerConsoleFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();

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
        builder.Services.AddSingleton<StartingModel>();
        builder.Services.AddSingleton<ReferenceTrialSets>();
        builder.Services.AddSingleton<TrainingRequestWatcher>();
        return builder;
    }

    /// <summary>The section's options class, bound to it and validated by its data annotations.</summary>
    private static void AddSettings<TOptions>(this IServiceCollection services, SettingSection<TOptions> section)
        where TOptions : class, new() =>
        services.AddOptions<TOptions>().BindConfiguration(section.Name).ValidateDataAnnotations();
}
