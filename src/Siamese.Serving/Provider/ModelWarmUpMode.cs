namespace Siamese.Serving.Provider;

/// <summary>When an instance loads the served model ahead of the requests that need it (Serving:WarmUp).</summary>
public enum ModelWarmUpMode
{
    /// <summary>
    /// At the instance's first HTTP request, in the background: an instance that only prepares datasets (blob, queue and timer
    /// triggers) never loads it. In Flex Consumption the HTTP functions scale as one group of instances and each other
    /// trigger in its own, so a preparation instance receives no HTTP request.
    /// </summary>
    FirstHttpRequest,

    /// <summary>As soon as the host has started, whatever the instance serves (a local host that does everything).</summary>
    AtStart,

    /// <summary>Never ahead: the first request that needs the model loads it.</summary>
    Off,
}
