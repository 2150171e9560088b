using Siamese.Pipeline.Preparation;
using Siamese.Testing;

namespace Siamese.Pipeline.Tests;

public class ReadmeTests
{
    [Fact]
    public void The_readme_states_the_preparation_defaults_of_PreparationOptions()
    {
        var stated = ReadmeDefaults.Table("Configuration (section `Preparation`");

        Assert.True(stated.Count >= 15, $"the Preparation table lists {stated.Count} settings");
        var options = new PreparationOptions();
        Assert.All(stated, row => Assert.Equal((row.Setting, ReadmeDefaults.Format(ReadmeDefaults.Value(options, row.Setting))), row));
    }
}
