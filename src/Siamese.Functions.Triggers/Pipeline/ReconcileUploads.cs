using Microsoft.Azure.Functions.Worker;
using Siamese.Pipeline.Uploads;

namespace Siamese.Functions.Triggers.Pipeline;

/// <summary>
/// On a schedule (the setting Reconcile:Schedule, every 5 minutes by default), prepares the uploads in raw/ that no
/// trigger prepared (see <see cref="UploadReconciler"/>): in Azure a lost Event Grid event, locally a blob the polling
/// trigger skipped. The local host binds the same method to the WebJobs timer trigger.
/// </summary>
public sealed class ReconcileUploads(UploadReconciler reconciler)
{
    public const string Schedule = "%" + ReconcileOptions.ScheduleSetting + "%";

    [Function(nameof(ReconcileUploads))]
    public Task Run([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        reconciler.ReconcileAsync(cancellationToken);
}
