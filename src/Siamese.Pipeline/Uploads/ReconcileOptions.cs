using System.ComponentModel.DataAnnotations;

namespace Siamese.Pipeline.Uploads;

/// <summary>How the reconciler looks for uploads nobody prepared (section "Reconcile", see <see cref="UploadReconciler"/>).</summary>
public sealed class ReconcileOptions
{
    public const string Section = "Reconcile";

    /// <summary>The setting the timer trigger's schedule names, in both hosts: %Reconcile:Schedule%.</summary>
    public const string ScheduleSetting = Section + ":" + nameof(Schedule);

    /// <summary>Every 5 minutes, on the minute.</summary>
    public const string DefaultSchedule = "0 */5 * * * *";

    /// <summary>
    /// When the reconciler runs: an NCRONTAB expression with seconds, as the Functions timer trigger reads it. The
    /// trigger reads the setting itself; the local host defaults it to <see cref="DefaultSchedule"/>, the Azure app
    /// needs it as an app setting (Reconcile__Schedule).
    /// </summary>
    [Required] public string Schedule { get; set; } = DefaultSchedule;

    /// <summary>
    /// Uploads younger than this are left to the blob trigger, which is probably preparing them (their record is written
    /// when the preparation ends), so the reconciler does not race it.
    /// </summary>
    [Range(0, 24 * 3600)] public double GraceSeconds { get; set; } = 120;
}
