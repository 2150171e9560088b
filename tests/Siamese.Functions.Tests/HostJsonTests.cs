using Microsoft.Extensions.Configuration;
using Siamese.Functions.Triggers;
using Siamese.Functions.Triggers.Pipeline;

namespace Siamese.Functions.Tests;

public class HostJsonTests
{
    [Fact]
    public void An_app_setting_overrides_a_host_json_value_as_in_azure_and_leaves_the_others()
    {
        IConfiguration settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:01",
        }).Build();

        var plain = HostJson.Read().GetSection(QueueTriggerSettings.Section).Get<QueueTriggerSettings>()!;
        var overridden = HostJson.Read(settings).GetSection(QueueTriggerSettings.Section).Get<QueueTriggerSettings>()!;

        Assert.Equal(TimeSpan.FromSeconds(5), plain.VisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), overridden.VisibilityTimeout);
        Assert.Equal(plain.MaxDequeueCount, overridden.MaxDequeueCount);
        Assert.Equal(plain.MaxPollingInterval, overridden.MaxPollingInterval);
    }
}
