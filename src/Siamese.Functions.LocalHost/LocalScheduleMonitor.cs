using System.Collections.Concurrent;
using Microsoft.Azure.WebJobs.Extensions.Timers;

namespace Siamese.Functions.LocalHost;

/// <summary>
/// Where the timer trigger keeps each schedule's last and next occurrence: in memory. The storage-backed monitor that
/// AddTimers registers (WebJobs.Extensions 3.0.6, the version served) was built against the older
/// WebJobs.Host.Storage and fails to load with 5.x. So the local host does not run a missed occurrence after a restart;
/// it needs none, since the polling blob trigger scans raw/ on start and the reconciler runs at its next occurrence.
/// </summary>
internal sealed class LocalScheduleMonitor : ScheduleMonitor
{
    private readonly ConcurrentDictionary<string, ScheduleStatus> statuses = new(StringComparer.Ordinal);

    public override Task<ScheduleStatus> GetStatusAsync(string timerName) => Task.FromResult(statuses.GetValueOrDefault(timerName)!);

    public override Task UpdateStatusAsync(string timerName, ScheduleStatus status)
    {
        statuses[timerName] = status;
        return Task.CompletedTask;
    }
}
