using Siamese.Testing;

namespace Siamese.Serving.Tests;

public class ReadmeTests
{
    [Fact]
    public void The_readme_states_the_serving_defaults_of_ServingOptions()
    {
        var stated = ReadmeDefaults.Mentions("Serving");

        Assert.True(stated.Count >= 5, $"README mentions {stated.Count} Serving settings with a value");
        var options = new ServingOptions();
        Assert.All(stated, row => Assert.Equal((row.Setting, ReadmeDefaults.Format(ReadmeDefaults.Value(options, row.Setting))), row));
    }
}
